#!/usr/bin/env bash
# The Python libraries our benchmarks and cross-checks compare against, from Debian's packages.
set -euo pipefail
missing=()
for pkg in python3-pandas python3-scipy python3-sklearn python3-onnx; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}"
fi
/usr/bin/python3 -c 'import pandas, sklearn, onnx; print("pandas", pandas.__version__, "sklearn", sklearn.__version__, "onnx", onnx.__version__)'
