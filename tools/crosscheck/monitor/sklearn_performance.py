"""scikit-learn side of crosscheck-monitor.mjs: reads the cases as JSON on stdin, prints results as JSON."""
import json
import sys

import numpy as np
from sklearn.calibration import calibration_curve
from sklearn.isotonic import IsotonicRegression
from sklearn.metrics import accuracy_score, brier_score_loss, f1_score, roc_auc_score


def isotonic(case):
    fit = IsotonicRegression(out_of_bounds="clip").fit(np.array(case["x"]), np.array(case["y"]))
    return {"predicted": fit.predict(np.array(case["at"])).tolist()}


def top_label_ece(correct, confidence, bins=10):
    prob_true, prob_pred = calibration_curve(correct, confidence, n_bins=bins, strategy="uniform")
    # calibration_curve drops empty bins; count rows per bin with its own edges to weight them.
    edges = np.linspace(0.0, 1.0 + 1e-8, bins + 1)
    counts = np.bincount(np.searchsorted(edges[1:-1], confidence), minlength=bins)
    counts = counts[counts > 0]
    return float(np.sum(np.abs(prob_true - prob_pred) * counts) / len(confidence))


def classification(case):
    k = case["k"]
    y = np.array(case["labels"])
    proba = np.array(case["proba"]).reshape(len(y), k)
    pred = np.array(case["predicted"])
    onehot = np.eye(k)[y]
    out = {
        "accuracy": accuracy_score(y, pred),
        "f1": f1_score(y, pred, labels=list(range(k)), average="binary" if k == 2 else "macro", zero_division=0),
        "ece": top_label_ece((y == pred).astype(int), proba.max(axis=1)),
    }
    if k == 2:
        out["brier"] = brier_score_loss(y, proba[:, 1])
        out["rocAuc"] = roc_auc_score(y, proba[:, 1])
    else:
        # sklearn 1.2's brier_score_loss is binary only: the multiclass score is its one-hot sum, in numpy.
        out["brier"] = float(np.mean(np.sum((proba - onehot) ** 2, axis=1)))
        out["rocAuc"] = roc_auc_score(y, proba, multi_class="ovr", average="macro", labels=list(range(k)))
    return out


def cbpe(case):
    """Calibration on reference rows (IsotonicRegression per class), then expected metrics of the analysis rows."""
    k = case["k"]
    ref_y = np.array(case["refLabels"])
    ref_p = np.array(case["refProba"]).reshape(len(ref_y), k)
    p = np.array(case["proba"]).reshape(-1, k)
    pred = np.array(case["predicted"])
    if k == 2:
        q1 = IsotonicRegression(out_of_bounds="clip").fit(ref_p[:, 1], (ref_y == 1).astype(float)).predict(p[:, 1])
        q = np.column_stack([1 - q1, q1])
    else:
        q = np.column_stack([IsotonicRegression(out_of_bounds="clip").fit(ref_p[:, c], (ref_y == c).astype(float)).predict(p[:, c]) for c in range(k)])
        q = q / q.sum(axis=1, keepdims=True)
    cm = np.zeros((k, k))
    for c in range(k):
        cm[:, c] = q[pred == c].sum(axis=0)
    f1s = [2 * cm[c, c] / (2 * cm[c, c] + cm[:, c].sum() - cm[c, c] + cm[c, :].sum() - cm[c, c]) for c in range(k)]
    # Expected ROC-AUC: each row once as a positive with weight q and once as a negative with weight 1 - q.
    def weighted_auc(c):
        s = p[:, c]
        return roc_auc_score(np.r_[np.ones(len(s)), np.zeros(len(s))], np.r_[s, s], sample_weight=np.r_[q[:, c], 1 - q[:, c]])
    return {
        "calibrated": q.ravel().tolist(),
        "accuracy": float(q[np.arange(len(pred)), pred].mean()),
        "f1": f1s[1] if k == 2 else float(np.mean(f1s)),
        "rocAuc": weighted_auc(1) if k == 2 else float(np.mean([weighted_auc(c) for c in range(k)])),
    }


kinds = {"isotonic": isotonic, "classification": classification, "cbpe": cbpe}
cases = json.load(sys.stdin)
json.dump([kinds[c["kind"]](c) for c in cases], sys.stdout)
