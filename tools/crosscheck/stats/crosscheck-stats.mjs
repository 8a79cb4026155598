#!/usr/bin/env node
// Cross-check of @mlops/stats against pandas/numpy on the generated benchmark CSV (200k rows by
// default): per numeric column count, null count, mean, std (ddof=1), min, max, the seven profile
// quantiles (linear), numpy.histogram(bins=20) edges and counts, IQR fences with their outlier
// count and the z-score outlier count; per category column null count, distinct count and
// value_counts(); timestamp min/max; and duplicated(keep='first'/'last') masks for several key sets.
// Floats must agree to 1e-9 relative, counts and masks exactly.
//
//   npx tsc -b packages/stats && node tools/crosscheck/stats/crosscheck-stats.mjs [--rows 200000]
//
// Prints one PASS/FAIL line per check and exits non-zero on any failure.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCsv } from '../../bench/csv/generate-csv.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const tolerance = 1e-9;
const i = process.argv.indexOf('--rows');
const rows = i === -1 ? 200_000 : Number(process.argv[i + 1]);
const probs = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99];
const quantileKeys = ['p01', 'p05', 'p25', 'p50', 'p75', 'p95', 'p99'];
// Key sets for duplicated(): whole rows (no repeats in this file), then subsets with many repeats,
// nulls in the keys (c1 has NA, i2 and f0 have empty cells) and mixed dtypes.
const keySets = [null, ['c0', 'c1'], ['i0'], ['c1'], ['i0', 'c0', 'c1'], ['f0'], ['i2', 'c0'], ['ts']];

function load(pkg) {
  const dist = join(root, 'packages', pkg, 'dist', 'index.js');
  if (!existsSync(dist)) throw new Error(`${dist} is missing: run \`npx tsc -b packages/${pkg}\` first`);
  return createRequire(import.meta.url)(dist);
}
const { readCsv } = load('frame');
const { profileFrame, iqrOutliers, zScoreOutliers, duplicateMask } = load('stats');

function pandasStats(path) {
  const script = `
import json, sys
import numpy as np
import pandas as pd
path, probs, key_sets = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])
# round_trip: pandas' default float parser can be an ulp off, which a histogram edge near 0 (the
# difference of two nearly equal numbers) magnifies past 1e-9; @mlops/frame parses correctly
# rounded, so both sides then see the same doubles and only the statistics are compared.
df = pd.read_csv(path, float_precision="round_trip")
f = lambda v: None if pd.isna(v) else float(v)
out = {"rows": len(df), "columns": {}, "duplicated": []}
describe = df.describe()
for name in df.columns:
    s = df[name]
    entry = {"nullCount": int(s.isna().sum()), "dtype": str(s.dtype)}
    if s.dtype.kind in "fi":
        d = describe[name]
        values = s.dropna().to_numpy(dtype=np.float64)
        counts, edges = np.histogram(values, bins=20)
        q1, q3 = s.quantile([0.25, 0.75]).tolist()
        iqr = q3 - q1
        lower, upper = q1 - 1.5 * iqr, q3 + 1.5 * iqr
        mean, std = s.mean(), s.std()
        entry.update(count=int(d["count"]), mean=f(mean), std=f(std), min=f(d["min"]), max=f(d["max"]),
                     quantiles=[f(v) for v in s.quantile(probs).tolist()],
                     describeQuartiles=[f(d["25%"]), f(d["50%"]), f(d["75%"])],
                     histogram={"edges": edges.tolist(), "counts": counts.tolist()},
                     iqr={"q1": q1, "q3": q3, "lower": lower, "upper": upper, "outliers": int(((s < lower) | (s > upper)).sum())},
                     zOutliers=int(((s - mean).abs() / std > 3).sum()))
    elif name == "ts":
        ms = pd.to_datetime(s, utc=True).astype("int64") // 1_000_000
        entry.update(min=int(ms.min()), max=int(ms.max()))
    else:
        entry.update(distinct=int(s.nunique()), frequencies={str(k): int(v) for k, v in s.value_counts().items()})
    out["columns"][name] = entry
for keys in key_sets:
    first = df.duplicated(subset=keys, keep="first")
    last = df.duplicated(subset=keys, keep="last")
    out["duplicated"].append({"keys": keys, "first": "".join("1" if v else "0" for v in first),
                              "last": "".join("1" if v else "0" for v in last)})
print(json.dumps(out))
`;
  const args = ['-c', script, path, JSON.stringify(probs), JSON.stringify(keySets)];
  const out = execFileSync('/usr/bin/python3', args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  return JSON.parse(out.trim().split('\n').pop());
}

const relativeDiff = (a, b) => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), Number.MIN_VALUE));
const results = [];
const check = (name, ok, detail) => {
  results.push(ok);
  console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
};
const close = (name, ours, theirs) => {
  const ok = ours === theirs || (typeof ours === 'number' && typeof theirs === 'number' && relativeDiff(ours, theirs) <= tolerance);
  const diff = typeof ours === 'number' && typeof theirs === 'number' ? `, rel diff ${relativeDiff(ours, theirs).toExponential(2)}` : '';
  check(name, ok, `ours ${ours}, pandas ${theirs}${diff}`);
};
const exact = (name, ours, theirs) => check(name, ours === theirs, `ours ${ours}, pandas ${theirs}`);
const allClose = (name, ours, theirs) => {
  const worst = ours.length === theirs.length ? Math.max(0, ...ours.map((v, k) => relativeDiff(v, theirs[k]))) : Infinity;
  check(name, worst <= tolerance, `${ours.length} values, worst rel diff ${worst.toExponential(2)}`);
};

const path = await ensureCsv(rows);
const [{ frame }, pandas] = await Promise.all([readCsv(path), Promise.resolve().then(() => pandasStats(path))]);
const profile = profileFrame(frame);
exact('row count', profile.rowCount, pandas.rows);
for (const [name, theirs] of Object.entries(pandas.columns)) {
  const ours = profile.columns[name];
  exact(`${name} null count`, ours.nullCount, theirs.nullCount);
  if (theirs.mean !== undefined) {
    exact(`${name} kind`, ours.kind, 'numeric');
    exact(`${name} count`, ours.count, theirs.count);
    for (const stat of ['mean', 'std', 'min', 'max']) close(`${name} ${stat}`, ours[stat], theirs[stat]);
    quantileKeys.forEach((key, k) => close(`${name} quantile ${probs[k]}`, ours.quantiles[key], theirs.quantiles[k]));
    allClose(`${name} describe quartiles`, [ours.quantiles.p25, ours.quantiles.p50, ours.quantiles.p75], theirs.describeQuartiles);
    allClose(`${name} histogram edges`, ours.histogram.edges, theirs.histogram.edges);
    exact(`${name} histogram counts`, JSON.stringify(ours.histogram.counts), JSON.stringify(theirs.histogram.counts));
    const fences = iqrOutliers(frame.column(name));
    for (const stat of ['q1', 'q3', 'lower', 'upper']) close(`${name} iqr ${stat}`, fences[stat], theirs.iqr[stat]);
    exact(`${name} iqr outlier count`, fences.indices.length, theirs.iqr.outliers);
    exact(`${name} z-score outlier count`, zScoreOutliers(frame.column(name)).indices.length, theirs.zOutliers);
  } else if (theirs.min !== undefined) {
    exact(`${name} min`, ours.min, theirs.min);
    exact(`${name} max`, ours.max, theirs.max);
  } else {
    exact(`${name} distinct`, ours.distinct, theirs.distinct);
    const mine = Object.fromEntries(ours.frequencies.map((e) => [e.value, e.count]));
    exact(`${name} value_counts`, JSON.stringify(mine, Object.keys(theirs.frequencies)), JSON.stringify(theirs.frequencies));
    exact(`${name} other count`, ours.otherCount, 0);
  }
}
for (const { keys, first, last } of pandas.duplicated) {
  for (const [keep, theirs] of [['first', first], ['last', last]]) {
    const mask = duplicateMask(frame, keys ?? undefined, keep);
    const ours = Array.from(mask, (v) => (v ? '1' : '0')).join('');
    const count = (s) => s.split('').filter((c) => c === '1').length;
    check(`duplicated(${keys ? JSON.stringify(keys) : 'all columns'}, keep='${keep}')`, ours === theirs, `ours ${count(ours)} rows, pandas ${count(theirs)} rows, masks ${ours === theirs ? 'equal' : 'differ'}`);
  }
}
const failed = results.filter((ok) => !ok).length;
console.log(failed === 0 ? `PASS crosscheck-stats: ${results.length} checks` : `FAIL crosscheck-stats: ${failed} of ${results.length} checks failed`);
process.exit(failed === 0 ? 0 : 1);
