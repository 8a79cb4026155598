#!/usr/bin/env node
// Data-profiling benchmark: @mlops/stats against pandas on the generated 1M × 20 CSV.
//
//   npx tsc -b packages/stats plugins/validator && node tools/bench/profile/bench-profile.mjs [--rows 1000000] [--runs 5]
//
// Each side loads the file once (not timed), then times `runs` repetitions of the same job:
//   ours:   profileFrame (counts, mean, std, min/max, 7 quantiles, 20-bin histogram per numeric
//           column; value counts per category; min/max per timestamp) + iqrOutliers on every
//           numeric column + countNulls on every column + duplicateMask over all columns;
//   pandas: describe() + quantile([.01, .05, .25, .5, .75, .95, .99]) + isna().sum() +
//           duplicated().sum() + per numeric column Q1/Q3 fences and the outlier count.
// Both run in their own process (start-up and loading excluded); we report medians and ours/pandas.
import { execFileSync, spawnSync } from 'node:child_process';
import { loadBuilt, machine, median, numberOption, python, secondsSince as seconds } from '../lib/common.mjs';
import { allColumns, ensureCsv } from '../csv/generate-csv.mjs';

const rows = numberOption('rows', 1_000_000);
const runs = numberOption('runs', 5);
const load = (pkg) => loadBuilt(`packages/${pkg}`);

async function timeOurs(path) {
  const { readCsv } = load('frame');
  const { profileFrame, iqrOutliers, countNulls, duplicateMask } = load('stats');
  const { frame } = await readCsv(path);
  const numeric = frame.names.filter((n) => ['float64', 'int32'].includes(frame.column(n).dtype));
  const steps = { profile: [], iqr: [], nulls: [], duplicates: [] };
  const times = [];
  let outliers = 0;
  let duplicates = 0;
  for (let run = 0; run < runs; run++) {
    const t0 = process.hrtime.bigint();
    let t = t0;
    const lap = (step) => {
      const now = process.hrtime.bigint();
      steps[step].push(Number(now - t) / 1e9);
      t = now;
    };
    profileFrame(frame);
    lap('profile');
    outliers = 0;
    for (const name of numeric) outliers += iqrOutliers(frame.column(name)).indices.length;
    lap('iqr');
    let nulls = 0;
    for (const name of frame.names) nulls += countNulls(frame.column(name));
    lap('nulls');
    const mask = duplicateMask(frame);
    duplicates = 0;
    for (let i = 0; i < mask.length; i++) duplicates += mask[i];
    lap('duplicates');
    times.push(seconds(t0));
  }
  return { times, steps, rowCount: frame.rowCount, numericColumns: numeric.length, outliers, duplicates };
}

/**
 * The whole validator on the same frame: a schema declaring every column (dtype, nullability, median
 * or mode fills, IQR outliers reported), whole-row duplicates (keep first) and PII detection, plus
 * the baseline profile it stores. This is the "profile + validate" job of a real pipeline step.
 */
async function timeValidator(path) {
  const { readCsv } = load('frame');
  const { validateFrame } = loadBuilt('plugins/validator');
  const { frame } = await readCsv(path);
  const columns = {};
  for (const { name, dtype } of frame.schema()) {
    const numeric = dtype === 'float64' || dtype === 'int32';
    columns[name] = { dtype, nullable: false, ...(numeric ? { missing: { strategy: 'median' }, outliers: { method: 'iqr', k: 1.5, severity: 'warn' } } : dtype === 'category' ? { missing: { strategy: 'mode' } } : { nullable: true }) };
  }
  const schema = { name: 'bench', columns, duplicates: { policy: 'keep_first', severity: 'warn' } };
  const times = [];
  let outcome;
  for (let run = 0; run < runs; run++) {
    const t0 = process.hrtime.bigint();
    outcome = validateFrame(frame, schema, { now: Date.parse('2100-01-01') });
    times.push(seconds(t0));
  }
  return { times, passed: outcome.passed, warnings: outcome.report.summary.warn, failed: outcome.report.summary.fail };
}

function timePandas(path) {
  const script = `
import json, sys, time
import pandas as pd
path, runs = sys.argv[1], int(sys.argv[2])
df = pd.read_csv(path)
numeric = list(df.select_dtypes("number").columns)
probs = [.01, .05, .25, .5, .75, .95, .99]
times, steps = [], {"describe": [], "quantile": [], "isna": [], "duplicated": [], "iqr": []}
for _ in range(runs):
    t0 = t = time.perf_counter()
    def lap(step):
        global t
        now = time.perf_counter()
        steps[step].append(now - t)
        t = now
    df.describe(); lap("describe")
    df.quantile(probs, numeric_only=True); lap("quantile")
    df.isna().sum(); lap("isna")
    duplicates = int(df.duplicated().sum()); lap("duplicated")
    outliers = 0
    for name in numeric:
        s = df[name]
        q1, q3 = s.quantile([.25, .75]).tolist()
        iqr = q3 - q1
        outliers += int(((s < q1 - 1.5 * iqr) | (s > q3 + 1.5 * iqr)).sum())
    lap("iqr")
    times.append(time.perf_counter() - t0)
print(json.dumps({"times": times, "steps": steps, "rowCount": len(df), "numericColumns": len(numeric),
                  "outliers": outliers, "duplicates": duplicates, "pandas": pd.__version__}))
`;
  const out = execFileSync(python, ['-c', script, path, String(runs)], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(out.trim().split('\n').pop());
}

const probe = spawnSync(python, ['-c', 'import pandas'], { encoding: 'utf8' });
if (probe.status !== 0) throw new Error(`pandas is not importable by ${python}: ${probe.stderr.trim()}`);
const path = await ensureCsv(rows);
const ours = await timeOurs(path);
const validator = await timeValidator(path);
const pandas = timePandas(path);
if (ours.rowCount !== pandas.rowCount) throw new Error(`row counts differ: ours ${ours.rowCount}, pandas ${pandas.rowCount}`);

const medians = (steps) => Object.fromEntries(Object.entries(steps).map(([k, v]) => [k, median(v)]));
const result = {
  file: path,
  rows: ours.rowCount,
  columns: allColumns.length,
  numericColumns: ours.numericColumns,
  machine: { ...machine(), pandas: pandas.pandas },
  runs,
  ours: { median: median(ours.times), times: ours.times, steps: medians(ours.steps), outliers: ours.outliers, duplicates: ours.duplicates },
  pandas: { median: median(pandas.times), times: pandas.times, steps: medians(pandas.steps), outliers: pandas.outliers, duplicates: pandas.duplicates },
};
result.ratio = result.ours.median / result.pandas.median;
result.validator = { median: median(validator.times), times: validator.times, passed: validator.passed, warnings: validator.warnings, failed: validator.failed };
result.validatorRatio = result.validator.median / result.pandas.median;
console.log(JSON.stringify(result, null, 2));
console.log(
  `profile+IQR+nulls+duplicates ${result.ours.median.toFixed(3)} s vs pandas ${result.pandas.median.toFixed(3)} s (median of ${runs}) → ours/pandas = ${result.ratio.toFixed(2)}` +
    ` [${result.rows} rows x ${result.columns} cols, ${result.machine.nproc} x ${result.machine.cpu}]`,
);
console.log(
  `full validateFrame (every check + fills + baseline) ${result.validator.median.toFixed(3)} s vs the same pandas job ${result.pandas.median.toFixed(3)} s → ${result.validatorRatio.toFixed(2)}` +
    ` (passed: ${result.validator.passed}, ${result.validator.warnings} warnings, ${result.validator.failed} failed)`,
);
