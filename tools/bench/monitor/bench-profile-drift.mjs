#!/usr/bin/env node
// Drift over a 1M-row window of served traffic the way `mlops monitor` computes it: the window's
// stored interval profiles (24 in `monitor_window_profiles` on SQLite) read and merged by the
// monitor's WindowProfiles, then compared with the reference profile by windowDrift (default test
// per feature: normalised Wasserstein at this size, plus the 2σ mean/std shifts). Baseline in the
// same run: SciPy on the raw rows doing the same per feature (wasserstein_distance / std, and
// np.mean / np.std for the shifts).
//
//   npm run build && node tools/bench/monitor/bench-profile-drift.mjs [--features 20] [--rows 1000000] [--reference 100000] [--runs 5] [--scipy-runs 1]
//
// Building the interval profiles (what the monitor does once per closed interval) is timed apart.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBuilt, machine, median, numberOption, python, secondsSince } from '../lib/common.mjs';

const features = numberOption('features', 20);
const rows = numberOption('rows', 1_000_000);
const referenceRows = numberOption('reference', 100_000);
const runs = numberOption('runs', 5);
const scipyRuns = numberOption('scipy-runs', 1);
const intervals = 24;
const monitor = loadBuilt('plugins/monitor');
const { DatasetProfile } = loadBuilt('packages/drift');
const { openSqlMetadataStore, sqlHandleOf } = loadBuilt('packages/sql-metadata');

let state = 11;
const random = () => ((state = (state * 16807) % 2147483647) / 2147483647);
const normal = () => Math.sqrt(-2 * Math.log(random())) * Math.cos(2 * Math.PI * random());
// Column-major; every fifth feature of the window shifts by 0.2 standard deviations.
const ref = new Float64Array(features * referenceRows);
const cur = new Float64Array(features * rows);
for (let c = 0; c < features; c++) {
  for (let i = 0; i < referenceRows; i++) ref[c * referenceRows + i] = normal();
  for (let i = 0; i < rows; i++) cur[c * rows + i] = normal() + (c % 5 === 0 ? 0.2 : 0);
}
const tensorsOf = (all, n, from, to) => Object.fromEntries(Array.from({ length: features }, (_, c) => [`f${c}`, { data: all.subarray(c * n + from, c * n + to), dims: [to - from, 1] }]));
const profileOf = (all, n, from, to) => {
  const p = DatasetProfile.empty();
  monitor.profileTensors(p, 'input', tensorsOf(all, n, from, to), to - from);
  p.rowCount = to - from;
  return p;
};

const folder = mkdtempSync(join(tmpdir(), 'mlops-bench-profile-drift-'));
const store = openSqlMetadataStore({ kind: 'sqlite', path: join(folder, 'metadata.sqlite') });
try {
  await store.start();
  await store.database.migrate('monitor', monitor.monitorMigrations);
  const sql = sqlHandleOf(store.database, 'bench');
  const reference = profileOf(ref, referenceRows, 0, referenceRows);
  const intervalMs = 3_600_000;
  const t0 = 1_700_000_000_000 - (1_700_000_000_000 % intervalMs);
  let t = process.hrtime.bigint();
  const stored = [];
  for (let k = 0; k < intervals; k++) {
    const from = Math.floor((k * rows) / intervals);
    const to = Math.floor(((k + 1) * rows) / intervals);
    const p = profileOf(cur, rows, from, to);
    stored.push({ model: 'bench', version: 1, interval_start: t0 + k * intervalMs, interval_ms: intervalMs, row_count: p.rowCount, profile: JSON.stringify(p), created_at: 0 });
  }
  const profiling = secondsSince(t);
  await sql.knex(monitor.windowProfilesTable).insert(stored);
  const bytes = stored.reduce((n, r) => n + r.profile.length, 0);

  const windows = new monitor.WindowProfiles(sql, { intervalMs, settleMs: 0 });
  const window = { since: t0, until: t0 + intervals * intervalMs };
  const times = [];
  let result;
  for (let run = 0; run < runs; run++) {
    t = process.hrtime.bigint();
    const current = await windows.window('bench', 1, window, window.until + 1);
    result = monitor.windowDrift(reference, current, {});
    times.push(secondsSince(t));
    if (current.rowCount !== rows) throw new Error(`window has ${current.rowCount} rows, expected ${rows}`);
  }

  writeFileSync(join(folder, 'ref.f64'), new Uint8Array(ref.buffer));
  writeFileSync(join(folder, 'cur.f64'), new Uint8Array(cur.buffer));
  const script = `
import json, sys, time
import numpy as np
from scipy.stats import wasserstein_distance
folder, k, n, m, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
ref = np.fromfile(folder + "/ref.f64").reshape(k, n)
cur = np.fromfile(folder + "/cur.f64").reshape(k, m)
times = []
for _ in range(runs):
    t = time.perf_counter()
    scores, shifts = [], []
    for c in range(k):
        rs = np.std(ref[c])
        scores.append(wasserstein_distance(ref[c], cur[c]) / max(rs, 0.001))
        shifts.append(max(abs(np.mean(cur[c]) - np.mean(ref[c])), abs(np.std(cur[c]) - rs)) / rs)
    times.append(time.perf_counter() - t)
print(json.dumps({"times": times, "drifted": [c for c in range(k) if scores[c] >= 0.1], "scores": scores, "shifts": shifts}))
`;
  const scipy = JSON.parse(execFileSync(python, ['-c', script, folder, String(features), String(referenceRows), String(rows), String(scipyRuns)], { encoding: 'utf8', maxBuffer: 1 << 26 }).trim().split('\n').pop());
  const ours = result.features.columns;
  const oursDrifted = ours.flatMap((c, i) => (c.drifted ? [i] : []));
  if (JSON.stringify(oursDrifted) !== JSON.stringify(scipy.drifted)) throw new Error(`drifted features differ: ours ${oursDrifted}, SciPy ${scipy.drifted}`);
  const worstScore = Math.max(...ours.map((c, i) => Math.abs(c.statistic - scipy.scores[i])));
  const worstShift = Math.max(...ours.map((c) => Math.max(Math.abs(result.shifts[c.column].meanShift), Math.abs(result.shifts[c.column].stdShift))).map((s, i) => Math.abs(s - scipy.shifts[i])));
  const load = execFileSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).split(' ').slice(0, 3).join(' ');
  const m = { ours: median(times), scipy: median(scipy.times) };
  console.log(JSON.stringify({ features, rows, referenceRows, intervals, runs, scipyRuns, machine: machine(), load, medians: m, profiling, storedProfileBytes: bytes, drifted: oursDrifted.length, worstScoreDifference: worstScore, worstShiftDifference: worstShift }, null, 2));
  console.log(`profile drift, ${features} features, ${rows} window rows in ${intervals} stored profiles vs ${referenceRows} reference: ours ${m.ours.toFixed(3)} s, SciPy on raw rows ${m.scipy.toFixed(3)} s → ${(m.ours / m.scipy).toFixed(4)}`);
  console.log(`[${oursDrifted.length} of ${features} drifted on both sides; worst |Δ score| ${worstScore.toExponential(1)}, worst |Δ shift| ${worstShift.toExponential(1)} σ; building the 24 interval profiles ${profiling.toFixed(2)} s once; ${(bytes / 1024).toFixed(0)} KiB stored; median of ${runs} (SciPy ${scipyRuns}); load ${load}]`);
} finally {
  await store.close();
  rmSync(folder, { recursive: true, force: true });
}
