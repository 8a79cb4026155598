"""SciPy side of bench-drift.mjs: the same tests on the same 1M-row columns, timed in-process.

argv: folder with ref.f64, cur.f64 (float64) and refCodes.i32, curCodes.i32 (int32 category codes),
number of categories, runs. Prints {"steps": {name: [seconds...]}, "values": {...}} as JSON.
"""
import json
import sys
import time

import numpy as np
import scipy
from scipy.stats import chi2_contingency, ks_2samp, wasserstein_distance

folder, k, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
ref = np.fromfile(f"{folder}/ref.f64", dtype=np.float64)
cur = np.fromfile(f"{folder}/cur.f64", dtype=np.float64)
ref_codes = np.fromfile(f"{folder}/refCodes.i32", dtype=np.int32)
cur_codes = np.fromfile(f"{folder}/curCodes.i32", dtype=np.int32)


def psi(a, b, bins=10):
    edges = np.unique(np.quantile(a, np.arange(1, bins) / bins))
    r = np.bincount(np.searchsorted(edges, a, side="right"), minlength=len(edges) + 1) / len(a)
    c = np.bincount(np.searchsorted(edges, b, side="right"), minlength=len(edges) + 1) / len(b)
    r = np.where(r == 0, 1e-4, r)
    c = np.where(c == 0, 1e-4, c)
    return float(np.sum((c - r) * np.log(c / r)))


def chi2(a, b):
    table = np.array([np.bincount(a, minlength=k), np.bincount(b, minlength=k)])
    return chi2_contingency(table)[:2]


steps = {"ks": [], "wasserstein": [], "psi": [], "chisquare": []}
values = {}
for _ in range(runs):
    t = time.perf_counter()
    r = ks_2samp(ref, cur)
    steps["ks"].append(time.perf_counter() - t)
    values["ks"] = [float(r.statistic), float(r.pvalue)]
    t = time.perf_counter()
    values["wasserstein"] = float(wasserstein_distance(ref, cur))
    steps["wasserstein"].append(time.perf_counter() - t)
    t = time.perf_counter()
    values["psi"] = psi(ref, cur)
    steps["psi"].append(time.perf_counter() - t)
    t = time.perf_counter()
    values["chisquare"] = [float(v) for v in chi2(ref_codes, cur_codes)]
    steps["chisquare"].append(time.perf_counter() - t)
print(json.dumps({"scipy": scipy.__version__, "numpy": np.__version__, "steps": steps, "values": values}))
