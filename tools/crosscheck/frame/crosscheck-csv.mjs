#!/usr/bin/env node
// Cross-check of @mlops/frame readCsv against pandas.read_csv on the generated benchmark CSV:
// row counts equal; for every numeric column, sum and mean equal to 1e-9 relative and null counts
// exactly equal; null counts of the string columns and the timestamp sum (epoch ms) as well.
//
//   npx tsc -b packages/frame && node tools/crosscheck/frame/crosscheck-csv.mjs [--rows 1000000]
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
const rows = i === -1 ? 1_000_000 : Number(process.argv[i + 1]);

const dist = join(root, 'packages', 'frame', 'dist', 'index.js');
if (!existsSync(dist)) throw new Error(`${dist} is missing: run \`npx tsc -b packages/frame\` first`);
const { readCsv, nullCount } = createRequire(import.meta.url)(dist);

/** Neumaier-compensated sum, so our side adds no rounding noise of its own. */
function stats(column) {
  let sum = 0;
  let compensation = 0;
  let count = 0;
  for (let r = 0; r < column.length; r++) {
    if (column.nulls && column.nulls[r] === 1) continue;
    const v = column.data[r];
    const t = sum + v;
    compensation += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
    count++;
  }
  const total = sum + compensation;
  return { sum: total, mean: count ? total / count : NaN, nulls: nullCount(column), count };
}

function pandasStats(path) {
  const script = `
import json, sys, math
import numpy as np
import pandas as pd
df = pd.read_csv(sys.argv[1])
out = {"rows": len(df), "columns": {}}
for name in df.columns:
    s = df[name]
    entry = {"dtype": str(s.dtype), "nulls": int(s.isna().sum())}
    if s.dtype.kind in "fi":
        values = s.dropna().to_numpy(dtype=np.float64)
        entry["sum"] = math.fsum(values)
        entry["mean"] = entry["sum"] / len(values) if len(values) else None
    elif name == "ts":
        ms = pd.to_datetime(s, utc=True).dropna().astype("int64") // 1_000_000
        entry["sum"] = math.fsum(ms.to_numpy(dtype=np.float64))
    out["columns"][name] = entry
print(json.dumps(out))
`;
  const out = execFileSync('/usr/bin/python3', ['-c', script, path], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(out.trim().split('\n').pop());
}

const relativeDiff = (a, b) => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), Number.MIN_VALUE));

const path = await ensureCsv(rows);
const [{ frame }, pandas] = await Promise.all([readCsv(path), Promise.resolve().then(() => pandasStats(path))]);
const results = [];
const check = (name, ok, detail) => {
  results.push(ok);
  console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
};

check('row count', frame.rowCount === pandas.rows, `ours ${frame.rowCount}, pandas ${pandas.rows}`);
check('column names', JSON.stringify(frame.names) === JSON.stringify(Object.keys(pandas.columns)));
for (const [name, theirs] of Object.entries(pandas.columns)) {
  const column = frame.column(name);
  check(`${name} null count`, nullCount(column) === theirs.nulls, `ours ${nullCount(column)}, pandas ${theirs.nulls}`);
  if (theirs.sum === undefined) continue;
  const ours = stats(column);
  const numeric = column.dtype === 'float64' || column.dtype === 'int32' || column.dtype === 'timestamp';
  check(`${name} dtype`, numeric, `ours ${column.dtype}, pandas ${theirs.dtype}`);
  const sumDiff = relativeDiff(ours.sum, theirs.sum);
  check(`${name} sum`, sumDiff <= tolerance, `ours ${ours.sum}, pandas ${theirs.sum}, rel diff ${sumDiff.toExponential(2)}`);
  if (theirs.mean !== undefined) {
    const meanDiff = relativeDiff(ours.mean, theirs.mean);
    check(`${name} mean`, meanDiff <= tolerance, `ours ${ours.mean}, pandas ${theirs.mean}, rel diff ${meanDiff.toExponential(2)}`);
  }
}
const failed = results.filter((ok) => !ok).length;
console.log(failed === 0 ? `PASS crosscheck-csv: ${results.length} checks` : `FAIL crosscheck-csv: ${failed} of ${results.length} checks failed`);
process.exit(failed === 0 ? 0 : 1);
