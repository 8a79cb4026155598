#!/usr/bin/env bash
# The Python libraries our benchmarks and cross-checks compare against, from Debian's packages.
set -euo pipefail
missing=()
# wrk, gunicorn and Flask are the serving benchmark's load generator and Python peer; promtool checks metrics;
# Optuna (with SQLAlchemy for its SQLite storage) is the tuner's peer.
for pkg in python3-pandas python3-scipy python3-sklearn python3-onnx python3-xgboost python3-optuna python3-sqlalchemy python3-flask gunicorn wrk prometheus; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}"
fi
/usr/bin/python3 -c 'import pandas, sklearn, onnx; print("pandas", pandas.__version__, "sklearn", sklearn.__version__, "onnx", onnx.__version__)'
