"""Python peer of bench-performance.mjs: the same CBPE and realized metrics with scikit-learn and numpy.
Reads float64 files written by the bench (reference probabilities and labels, window probabilities,
predictions and labels); prints the median seconds of each step as JSON."""
import json
import sys
import time

import numpy as np
from sklearn.isotonic import IsotonicRegression
from sklearn.metrics import accuracy_score, brier_score_loss, f1_score, roc_auc_score

d, k, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
load = lambda name: np.fromfile(f"{d}/{name}.f64", dtype=np.float64)
ref_p, ref_y = load("refProba").reshape(-1, k), load("refLabels").astype(int)
p, pred, y = load("proba").reshape(-1, k), load("predicted").astype(int), load("labels").astype(int)


def fit():
    cls = [1] if k == 2 else range(k)
    return [IsotonicRegression(out_of_bounds="clip").fit(ref_p[:, c], (ref_y == c).astype(float)) for c in cls]


def estimate(maps):
    if k == 2:
        q1 = maps[0].predict(p[:, 1])
        q = np.column_stack([1 - q1, q1])
    else:
        q = np.column_stack([m.predict(p[:, c]) for c, m in enumerate(maps)])
        q = q / q.sum(axis=1, keepdims=True)
    cm = np.zeros((k, k))
    for c in range(k):
        cm[:, c] = q[pred == c].sum(axis=0)
    f1s = [2 * cm[c, c] / (cm[c, c] * 2 + cm[:, c].sum() - cm[c, c] + cm[c, :].sum() - cm[c, c]) for c in range(k)]
    n = len(pred)
    aucs = [roc_auc_score(np.r_[np.ones(n), np.zeros(n)], np.r_[p[:, c], p[:, c]], sample_weight=np.r_[q[:, c], 1 - q[:, c]]) for c in ([1] if k == 2 else range(k))]
    return q[np.arange(n), pred].mean(), f1s[1] if k == 2 else np.mean(f1s), np.mean(aucs)


def realized():
    out = [accuracy_score(y, pred), f1_score(y, pred, average="binary" if k == 2 else "macro")]
    if k == 2:
        out += [roc_auc_score(y, p[:, 1]), brier_score_loss(y, p[:, 1])]
    else:
        out += [roc_auc_score(y, p, multi_class="ovr"), np.mean(np.sum((p - np.eye(k)[y]) ** 2, axis=1))]
    return out


def timed(fn):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return float(np.median(times)), result


fit_s, maps = timed(fit)
est_s, est = timed(lambda: estimate(maps))
real_s, real = timed(realized)
json.dump({"fit": fit_s, "estimate": est_s, "realized": real_s, "estimateValues": [float(v) for v in est], "realizedValues": [float(v) for v in real]}, sys.stdout)
