"""pandas side of crosscheck-features.mjs: merge_asof backward by customer_id, with and without tolerance.

Usage: crosscheck-features.py DIR TTL_MS -- reads DIR/features.csv and DIR/entities.csv, writes DIR/pandas.json.
Ties on the timestamp: merge_asof takes the last matching row of the right frame, so the features are
sorted with a stable sort, keeping file order among equal times (the later line wins, as in ours).
"""
import json
import math
import sys

import pandas as pd

folder, ttl = sys.argv[1], int(sys.argv[2])
features = pd.read_csv(f"{folder}/features.csv", dtype={"segment": "object", "active": "object"})
entities = pd.read_csv(f"{folder}/entities.csv")
entities["_i"] = range(len(entities))
left = entities.sort_values("event_timestamp", kind="mergesort")
right = features.sort_values("ts", kind="mergesort")


def cell(column, value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if column == "orders":
        return int(value)
    if column == "active":
        return str(value).lower() == "true"
    if column == "segment":
        return str(value)
    return float(value)


out = {}
for service, tolerance in (("recent", ttl), ("ever", None)):
    joined = pd.merge_asof(left, right, left_on="event_timestamp", right_on="ts", by="customer_id", direction="backward", tolerance=tolerance, allow_exact_matches=True)
    joined = joined.sort_values("_i")
    out[service] = {c: [cell(c, v) for v in joined[c].tolist()] for c in ("spend", "orders", "segment", "active")}
with open(f"{folder}/pandas.json", "w") as f:
    json.dump(out, f)
