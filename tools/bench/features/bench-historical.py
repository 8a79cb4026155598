"""pandas side of bench-historical.mjs: read_csv, then sort + merge_asof(by customer_id, backward, tolerance);
peak RSS is ru_maxrss (KiB on Linux) of this process.

Usage: bench-historical.py DIR TTL_MS REPEATS -- prints one JSON line with the timings.
"""
import json
import resource
import statistics
import sys
import time

import pandas as pd

folder, ttl, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
start = time.perf_counter()
features = pd.read_csv(f"{folder}/features.csv")
entities = pd.read_csv(f"{folder}/entities.csv")
read_seconds = time.perf_counter() - start

merges = []
matched = 0
for _ in range(repeats):
    start = time.perf_counter()
    left = entities.reset_index().sort_values("event_timestamp", kind="mergesort")
    right = features.sort_values("ts", kind="mergesort")
    joined = pd.merge_asof(left, right, left_on="event_timestamp", right_on="ts", by="customer_id", direction="backward", tolerance=ttl)
    joined = joined.sort_values("index")
    merges.append(time.perf_counter() - start)
    matched = int(joined["spend"].notna().sum())
print(json.dumps({"readSeconds": read_seconds, "mergeSecondsMedian": statistics.median(merges), "mergeSeconds": merges, "rowsWithValues": matched, "peakRssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6}))
