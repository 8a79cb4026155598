#!/usr/bin/env node
// CSV read benchmark: @mlops/frame readCsv vs pandas.read_csv on the same generated file.
//
//   npx tsc -b packages/frame && node tools/bench/csv/bench-csv.mjs [--rows 1000000] [--runs 5] [--schema]
//
// Both sides are timed inside their own process (interpreter start-up excluded), `runs` times in a
// row on a warm page cache; we report medians and ours/pandas. `--schema` also times readCsv with
// an explicit schema (no inference sample, no widening checks).
import { execFileSync, spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { loadBuilt, machine, median, numberOption, python } from '../lib/common.mjs';
import { allColumns, categoryColumns, ensureCsv, floatColumns, intColumns, timestampColumns } from './generate-csv.mjs';

const args = process.argv.slice(2);
const rows = numberOption('rows', 1_000_000);
const runs = numberOption('runs', 5);
const withSchema = args.includes('--schema');

/** pandas may still be installing (apt); wait for it rather than failing the bench. */
async function waitForPandas() {
  for (let attempt = 0; ; attempt++) {
    const probe = spawnSync(python, ['-c', 'import pandas; print(pandas.__version__)'], { encoding: 'utf8' });
    if (probe.status === 0) return probe.stdout.trim();
    if (attempt >= 30) throw new Error(`pandas is not importable by ${python}: ${probe.stderr.trim()}`);
    console.error(`pandas not importable yet (${probe.stderr.trim().split('\n').pop()}); retrying in 20 s`);
    await new Promise((r) => setTimeout(r, 20_000));
  }
}

async function timeOurs(path, options) {
  const { readCsv } = loadBuilt('packages/frame');
  const times = [];
  let frame;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    ({ frame } = await readCsv(path, options));
    times.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return { times, rowCount: frame.rowCount, dtypes: frame.schema().map((c) => c.dtype) };
}

function timePandas(path) {
  const script = `
import json, sys, time
import pandas as pd
path, runs = sys.argv[1], int(sys.argv[2])
times = []
for _ in range(runs):
    t0 = time.perf_counter()
    df = pd.read_csv(path)
    times.append(time.perf_counter() - t0)
print(json.dumps({"times": times, "rowCount": len(df), "dtypes": [str(t) for t in df.dtypes]}))
`;
  const out = execFileSync(python, ['-c', script, path, String(runs)], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(out.trim().split('\n').pop());
}

const path = await ensureCsv(rows);
const pandasVersion = await waitForPandas();
const ours = await timeOurs(path, {});
const schema = Object.fromEntries([
  ...floatColumns.map((n) => [n, 'float64']),
  ...intColumns.map((n) => [n, 'int32']),
  ...categoryColumns.map((n) => [n, 'category']),
  ...timestampColumns.map((n) => [n, 'timestamp']),
]);
const oursSchema = withSchema ? await timeOurs(path, { schema }) : undefined;
const pandas = timePandas(path);
if (ours.rowCount !== pandas.rowCount) throw new Error(`row counts differ: ours ${ours.rowCount}, pandas ${pandas.rowCount}`);

const result = {
  file: path,
  rows: ours.rowCount,
  columns: allColumns.length,
  bytes: statSync(path).size,
  machine: { ...machine(), pandas: pandasVersion },
  runs,
  ours: { median: median(ours.times), times: ours.times, dtypes: ours.dtypes },
  ...(oursSchema ? { oursWithSchema: { median: median(oursSchema.times), times: oursSchema.times } } : {}),
  pandas: { median: median(pandas.times), times: pandas.times, dtypes: pandas.dtypes },
};
result.ratio = result.ours.median / result.pandas.median;
console.log(JSON.stringify(result, null, 2));
console.log(
  `readCsv ${result.ours.median.toFixed(3)} s vs pandas.read_csv ${result.pandas.median.toFixed(3)} s (median of ${runs}) → ours/pandas = ${result.ratio.toFixed(2)}` +
    (oursSchema ? `; with explicit schema ${result.oursWithSchema.median.toFixed(3)} s` : '') +
    ` [${result.rows} rows x ${result.columns} cols, ${(result.bytes / 1e6).toFixed(0)} MB, ${result.machine.nproc} x ${result.machine.cpu}]`,
);
