"""SciPy side of crosscheck-drift.mjs: reads the cases as JSON on stdin, prints SciPy's answers as JSON.

NaN travels as null and is dropped here, as @mlops/drift drops nulls/NaNs before every test.
PSI has no SciPy function: it is written out below with numpy (np.quantile, np.searchsorted) from the
definition the package documents. Infinite and NaN results travel as the strings "inf" and "nan".
"""
import json
import sys

import numpy as np
from scipy.spatial.distance import jensenshannon
from scipy.special import smirnov
from scipy.stats import chi2_contingency, chisquare, ks_2samp, kstwo, wasserstein_distance


def arr(values):
    a = np.array([np.nan if v is None else v for v in values], dtype=np.float64)
    return a[~np.isnan(a)]


def robust_std(a):
    # np.std overflows for |x| ~ 1e300 (squares reach 1e600); scaling first is the same quantity.
    s = np.max(np.abs(a))
    return 0.0 if s == 0 else float(np.std(a / s) * s)


def psi(ref, cur, bins):
    edges = np.unique(np.quantile(ref, np.arange(1, bins) / bins))
    r = np.bincount(np.searchsorted(edges, ref, side="right"), minlength=len(edges) + 1) / len(ref)
    c = np.bincount(np.searchsorted(edges, cur, side="right"), minlength=len(edges) + 1) / len(cur)
    r = np.where(r == 0, 1e-4, r)
    c = np.where(c == 0, 1e-4, c)
    return float(np.sum((c - r) * np.log(c / r))), edges.tolist()


def contingency(r, c, correction):
    table = np.array([r, c], dtype=np.float64)
    table = table[:, table.sum(axis=0) > 0]
    stat, p, dof, _ = chi2_contingency(table, correction=correction)
    return [float(stat), float(p), int(dof)]


def run(case):
    k = case["kind"]
    if k == "numeric":
        a, b = arr(case["a"]), arr(case["b"])
        ks = ks_2samp(a, b, method="auto")
        w = wasserstein_distance(a, b)
        p, edges = psi(a, b, case["bins"])
        return {"ks": [float(ks.statistic), float(ks.pvalue)], "wasserstein": float(w),
                "wassersteinNorm": float(w / max(robust_std(a), 0.001)), "psi": p, "edges": edges}
    if k == "kstwo":
        return {"sf": [float(kstwo.sf(x, n)) for n, x in case["points"]],
                "smirnov": [float(smirnov(n, x)) for n, x in case["points"]]}
    if k == "counts":
        r, c = case["a"], case["b"]
        out = {"jensenshannon": float(jensenshannon(r, c)), "jensenshannon2": float(jensenshannon(r, c, base=2)),
               "contingency": contingency(r, c, True), "contingencyNoYates": contingency(r, c, False)}
        # Goodness of fit against the reference shares, where every category has reference mass.
        if all(v > 0 for v in r):
            exp = np.array(r, dtype=np.float64) / sum(r) * sum(c)
            g = chisquare(np.array(c, dtype=np.float64), exp)
            out["goodnessOfFit"] = [float(g.statistic), float(g.pvalue)]
        return out
    raise ValueError(k)


def encode(value):
    if isinstance(value, float) and np.isinf(value):
        return "inf"
    if isinstance(value, float) and np.isnan(value):
        return "nan"
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {k: encode(v) for k, v in value.items()}
    return value


cases = json.load(sys.stdin)
import scipy
print(json.dumps({"scipy": scipy.__version__, "results": [encode(run(c)) for c in cases]}))
