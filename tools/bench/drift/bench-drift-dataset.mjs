#!/usr/bin/env node
// Dataset drift as a monitor runs it: 50 numeric features × 100k reference × 100k current rows,
// the default test per column (normalised Wasserstein at this size), against SciPy doing the same
// per column (wasserstein_distance / max(np.std(ref), 0.001)) in one run.
//
//   npx tsc -b packages/drift && node tools/bench/drift/bench-drift-dataset.mjs [--features 50] [--rows 100000] [--runs 5]
//
// Ours twice: datasetDrift on two frames (both sides sorted every time, like SciPy), and with the
// reference prepared once (PreparedSamples, what a monitor keeps between windows; preparation time
// reported apart). Medians of `runs`; both sides must flag the same columns.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBuilt, machine, median, numberOption, python, secondsSince } from '../lib/common.mjs';

const features = numberOption('features', 50);
const rows = numberOption('rows', 100_000);
const runs = numberOption('runs', 5);
const drift = loadBuilt('packages/drift');
const { Frame, float64Column } = loadBuilt('packages/frame');

let state = 7;
const random = () => ((state = (state * 16807) % 2147483647) / 2147483647);
const normal = () => Math.sqrt(-2 * Math.log(random())) * Math.cos(2 * Math.PI * random());
// Every fifth feature shifts by 0.2 standard deviations: 10 of 50 drift.
const ref = new Float64Array(features * rows);
const cur = new Float64Array(features * rows);
for (let c = 0; c < features; c++) {
  for (let i = 0; i < rows; i++) {
    ref[c * rows + i] = normal();
    cur[c * rows + i] = normal() + (c % 5 === 0 ? 0.2 : 0);
  }
}
const frameOf = (all) => Frame.fromColumns(Object.fromEntries(Array.from({ length: features }, (_, c) => [`f${c}`, float64Column(all.subarray(c * rows, (c + 1) * rows))])));
const refFrame = frameOf(ref);
const curFrame = frameOf(cur);

const plain = [];
const prepared = [];
let t = process.hrtime.bigint();
const preparedReference = drift.PreparedSamples.from(refFrame);
const preparation = secondsSince(t);
let ours;
for (let run = 0; run < runs; run++) {
  t = process.hrtime.bigint();
  ours = drift.datasetDrift(refFrame, curFrame);
  plain.push(secondsSince(t));
  t = process.hrtime.bigint();
  drift.datasetDrift(preparedReference, curFrame);
  prepared.push(secondsSince(t));
}

const folder = mkdtempSync(join(tmpdir(), 'mlops-bench-drift-dataset-'));
let scipy;
try {
  writeFileSync(join(folder, 'ref.f64'), new Uint8Array(ref.buffer));
  writeFileSync(join(folder, 'cur.f64'), new Uint8Array(cur.buffer));
  const script = `
import json, sys, time
import numpy as np
from scipy.stats import wasserstein_distance
folder, k, n, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
ref = np.fromfile(folder + "/ref.f64").reshape(k, n)
cur = np.fromfile(folder + "/cur.f64").reshape(k, n)
times = []
for _ in range(runs):
    t = time.perf_counter()
    scores = [wasserstein_distance(ref[c], cur[c]) / max(np.std(ref[c]), 0.001) for c in range(k)]
    times.append(time.perf_counter() - t)
print(json.dumps({"times": times, "drifted": [c for c in range(k) if scores[c] >= 0.1], "scores": scores}))
`;
  scipy = JSON.parse(execFileSync(python, ['-c', script, folder, String(features), String(rows), String(runs)], { encoding: 'utf8' }).trim().split('\n').pop());
} finally {
  rmSync(folder, { recursive: true, force: true });
}
const oursDrifted = ours.columns.flatMap((c, i) => (c.drifted ? [i] : []));
if (JSON.stringify(oursDrifted) !== JSON.stringify(scipy.drifted)) throw new Error(`drifted columns differ: ours ${oursDrifted}, scipy ${scipy.drifted}`);
const worst = Math.max(...ours.columns.map((c, i) => Math.abs(c.statistic - scipy.scores[i]) / scipy.scores[i]));
const load = execFileSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).split(' ').slice(0, 3).join(' ');
const m = { plain: median(plain), prepared: median(prepared), scipy: median(scipy.times) };
console.log(JSON.stringify({ features, rows, runs, machine: machine(), load, medians: m, preparation, drifted: oursDrifted.length, worstRelativeDifference: worst }, null, 2));
console.log(`datasetDrift ${features} × ${rows}: ours ${m.plain.toFixed(3)} s, SciPy ${m.scipy.toFixed(3)} s → ${(m.plain / m.scipy).toFixed(2)}; reference prepared once (${preparation.toFixed(3)} s) ${m.prepared.toFixed(3)} s → ${(m.prepared / m.scipy).toFixed(2)}`);
console.log(`[${oursDrifted.length} of ${features} drifted on both sides, worst score rel diff ${worst.toExponential(1)}, median of ${runs}, load ${load}]`);
