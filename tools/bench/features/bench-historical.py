"""pandas side of bench-historical.mjs: read_csv, then sort + merge_asof(by customer_id, backward, tolerance).

Usage: bench-historical.py DIR TTL_MS -- prints {"ready", readSeconds}; then per line on stdin:
`merge` times one sort + merge_asof and prints {"seconds", rowsWithValues}; `quit` prints
{peakRssMb} (ru_maxrss, KiB on Linux, of this process) and exits.
"""
import json
import resource
import sys
import time

import pandas as pd

folder, ttl = sys.argv[1], int(sys.argv[2])
start = time.perf_counter()
features = pd.read_csv(f"{folder}/features.csv")
entities = pd.read_csv(f"{folder}/entities.csv")
print(json.dumps({"ready": True, "readSeconds": time.perf_counter() - start}), flush=True)

for line in sys.stdin:
    if line.strip() == "merge":
        start = time.perf_counter()
        left = entities.reset_index().sort_values("event_timestamp", kind="mergesort")
        right = features.sort_values("ts", kind="mergesort")
        joined = pd.merge_asof(left, right, left_on="event_timestamp", right_on="ts", by="customer_id", direction="backward", tolerance=ttl)
        joined = joined.sort_values("index")
        seconds = time.perf_counter() - start
        print(json.dumps({"seconds": seconds, "rowsWithValues": int(joined["spend"].notna().sum())}), flush=True)
    elif line.strip() == "quit":
        break
print(json.dumps({"peakRssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6}), flush=True)
