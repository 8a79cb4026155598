"""Baseline (b) of bench-serving.mjs: Flask behind gunicorn serving a scikit-learn HistGradientBoostingClassifier.

Same request and response shape as `mlops serve`: {"row": {...}} -> {"predictions": [{"label", "probabilities"}]}.
The model file comes from the MODEL_PATH environment variable (a pickle written by train_sklearn.py).
"""
import os
import pickle

import numpy as np
from flask import Flask, jsonify, request

with open(os.environ["MODEL_PATH"], "rb") as f:
    bundle = pickle.load(f)
model = bundle["model"]
features = bundle["features"]
classes = bundle["classes"]

app = Flask(__name__)


@app.post("/predict")
def predict():
    body = request.get_json(force=True)
    rows = body["rows"] if "rows" in body else [body["row"]]
    x = np.array([[np.nan if r[f] is None else r[f] for f in features] for r in rows], dtype=np.float64)
    proba = model.predict_proba(x)
    out = []
    for p in proba:
        k = int(np.argmax(p))
        out.append({"label": classes[k], "probabilities": {c: float(v) for c, v in zip(classes, p)}})
    return jsonify(predictions=out)


@app.get("/health")
def health():
    return jsonify(status="ok")
