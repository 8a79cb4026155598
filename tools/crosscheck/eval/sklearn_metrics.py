"""scikit-learn side of crosscheck-eval.mjs: reads the cases as JSON on stdin, prints the metrics as JSON."""
import json
import sys

import numpy as np
from sklearn.metrics import (accuracy_score, average_precision_score, confusion_matrix, log_loss,
                             mean_absolute_error, mean_squared_error, precision_recall_fscore_support,
                             r2_score, roc_auc_score)
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import label_binarize


def classification(case):
    k = case["nClasses"]
    labels = list(range(k))
    y = np.array(case["yTrue"])
    pred = np.array(case["yPred"])
    proba = np.array(case["proba"]).reshape(len(y), k)
    p, r, f, s = precision_recall_fscore_support(y, pred, labels=labels, zero_division=0)
    out = {
        "accuracy": accuracy_score(y, pred),
        "confusionMatrix": confusion_matrix(y, pred, labels=labels).tolist(),
        "precision": p.tolist(), "recall": r.tolist(), "f1": f.tolist(), "support": s.tolist(),
        "logLoss": log_loss(y, proba, labels=labels, eps=1e-15),
    }
    for avg in ("macro", "weighted"):
        ap, ar, af, _ = precision_recall_fscore_support(y, pred, labels=labels, average=avg, zero_division=0)
        out[avg] = [ap, ar, af]
    if k == 2:
        out["rocAuc"] = roc_auc_score(y, proba[:, 1])
        out["averagePrecision"] = [average_precision_score(y, proba[:, 1])]
    else:
        out["rocAucOvr"] = roc_auc_score(y, proba, multi_class="ovr", average="macro", labels=labels)
        out["averagePrecision"] = average_precision_score(label_binarize(y, classes=labels), proba, average=None).tolist()
    return out


def regression(case):
    y, pred = np.array(case["yTrue"]), np.array(case["yPred"])
    return {"rmse": mean_squared_error(y, pred, squared=False), "mae": mean_absolute_error(y, pred), "r2": r2_score(y, pred)}


def stratified(case):
    y = np.array(case["labels"])
    _, test = train_test_split(np.arange(len(y)), test_size=case["testFraction"], stratify=y, random_state=0)
    return {"testCounts": np.bincount(y[test], minlength=case["nClasses"]).tolist()}


kinds = {"classification": classification, "regression": regression, "stratified": stratified}
cases = json.load(sys.stdin)
json.dump([kinds[c["kind"]](c) for c in cases], sys.stdout)
