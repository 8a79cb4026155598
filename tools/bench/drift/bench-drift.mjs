#!/usr/bin/env node
// Drift statistics on 1M-row columns: @mlops/drift against SciPy 1.10 / numpy in the same run.
//
//   npx tsc -b packages/drift && node tools/bench/drift/bench-drift.mjs [--rows 1000000] [--runs 5]
//
// Data (seeded, written once to a temp folder that both sides read): reference N(0,1) and current
// N(0.05,1), 1M rows each; two category columns with 20 values. Timed, each from the raw column
// (sorting included, nothing cached between steps):
//   ks          ksTwoSample vs scipy.stats.ks_2samp (asymptotic p at this size)
//   wasserstein wasserstein vs scipy.stats.wasserstein_distance
//   psi         psi (quantiles by selection, binary-search binning) vs numpy quantile/searchsorted/bincount
//   chisquare   counting codes + chiSquareHomogeneity vs np.bincount + scipy.stats.chi2_contingency
// and, ours only: columnDrift running KS, Wasserstein-norm and PSI off one sort each; building a
// DatasetProfile of the 1M-row frame (numeric + category column); profileDrift of two such profiles
// (the default tests plus KS and PSI on the sketch). Medians of `runs`; ratios are ours/scipy.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBuilt, machine, median, numberOption, python, secondsSince } from '../lib/common.mjs';

const rows = numberOption('rows', 1_000_000);
const runs = numberOption('runs', 5);
const categories = 20;
const drift = loadBuilt('packages/drift');
const { Frame, float64Column, categoryColumn } = loadBuilt('packages/frame');
const { mulberry32 } = loadBuilt('packages/eval');

const random = mulberry32(42);
const normals = (n, shift) => Float64Array.from({ length: n }, () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()) + shift);
const codes = (n, tilt) => Int32Array.from({ length: n }, () => Math.min(categories - 1, Math.floor(categories * random() ** (1 + tilt))));
const ref = normals(rows, 0);
const cur = normals(rows, 0.05);
const refCodes = codes(rows, 0);
const curCodes = codes(rows, 0.02);

const folder = mkdtempSync(join(tmpdir(), 'mlops-bench-drift-'));
try {
  for (const [name, array] of [['ref.f64', ref], ['cur.f64', cur], ['refCodes.i32', refCodes], ['curCodes.i32', curCodes]]) writeFileSync(join(folder, name), new Uint8Array(array.buffer));

  const countCodes = (c) => {
    const out = new Float64Array(categories);
    for (let i = 0; i < c.length; i++) out[c[i]]++;
    return out;
  };
  const dictionary = Array.from({ length: categories }, (_, i) => `c${i}`);
  const refFrame = Frame.fromColumns({ x: float64Column(ref), c: categoryColumn(refCodes, dictionary) });
  const curFrame = Frame.fromColumns({ x: float64Column(cur), c: categoryColumn(curCodes, dictionary) });
  const steps = { ks: [], wasserstein: [], psi: [], chisquare: [], columnDriftShared: [], profileBuild: [], profileDrift: [] };
  const values = {};
  let profiles;
  for (let run = 0; run < runs; run++) {
    let t = process.hrtime.bigint();
    const lap = (step) => {
      steps[step].push(secondsSince(t));
      t = process.hrtime.bigint();
    };
    const ks = drift.ksTwoSample(ref, cur);
    lap('ks');
    values.ks = [ks.statistic, ks.pValue];
    values.wasserstein = drift.wasserstein(ref, cur);
    lap('wasserstein');
    values.psi = drift.psi(ref, cur, 10).statistic;
    lap('psi');
    const chi = drift.chiSquareHomogeneity(countCodes(refCodes), countCodes(curCodes));
    values.chisquare = [chi.statistic, chi.pValue];
    lap('chisquare');
    // One sort per side, three statistics: what a monitor asking for several tests pays.
    const sa = drift.columnSample(refFrame.column('x'), 'x');
    const sb = drift.columnSample(curFrame.column('x'), 'x');
    const options = drift.resolveDriftOptions({});
    for (const test of ['ks', 'wasserstein_norm', 'psi']) drift.sampleDrift('x', sa, sb, { ...options, columns: { x: { test } } });
    lap('columnDriftShared');
    profiles = [drift.DatasetProfile.create(refFrame), drift.DatasetProfile.create(curFrame)];
    lap('profileBuild');
    t = process.hrtime.bigint();
    drift.profileDrift(profiles[0], profiles[1]);
    drift.profileDrift(profiles[0], profiles[1], { names: ['x'], columns: { x: { test: 'ks' } } });
    drift.profileDrift(profiles[0], profiles[1], { names: ['x'], columns: { x: { test: 'psi' } } });
    lap('profileDrift');
  }
  const scipy = JSON.parse(execFileSync(python, [join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, 'bench-drift.py'), folder, String(categories), String(runs)], { encoding: 'utf8', maxBuffer: 1 << 26 }).trim().split('\n').pop());

  const medians = Object.fromEntries(Object.entries(steps).map(([k, v]) => [k, median(v)]));
  const scipyMedians = Object.fromEntries(Object.entries(scipy.steps).map(([k, v]) => [k, median(v)]));
  const load = execFileSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).split(' ').slice(0, 3).join(' ');
  const result = { rows, runs, machine: { ...machine(), scipy: scipy.scipy, numpy: scipy.numpy, loadAfter: load }, ours: medians, scipy: scipyMedians, values, scipyValues: scipy.values, profileJsonBytes: JSON.stringify(profiles[0]).length };
  console.log(JSON.stringify(result, null, 2));
  for (const step of ['ks', 'wasserstein', 'psi', 'chisquare']) {
    console.log(`${step.padEnd(12)} ours ${medians[step].toFixed(3)} s  scipy ${scipyMedians[step].toFixed(3)} s  ours/scipy ${(medians[step] / scipyMedians[step]).toFixed(2)}`);
  }
  const scipyNumeric = scipyMedians.ks + scipyMedians.wasserstein + scipyMedians.psi;
  console.log(`ks+wasserstein_norm+psi off one sort (columnDrift) ${medians.columnDriftShared.toFixed(3)} s vs scipy's three calls ${scipyNumeric.toFixed(3)} s → ${(medians.columnDriftShared / scipyNumeric).toFixed(2)}`);
  console.log(`profile build (1M rows, numeric + category) ${medians.profileBuild.toFixed(3)} s; profileDrift (defaults + KS + PSI) ${medians.profileDrift.toFixed(4)} s → vs scipy's raw-row tests ${(medians.profileDrift / (scipyNumeric + scipyMedians.chisquare)).toFixed(4)}`);
  console.log(`[${rows} rows, median of ${runs}, ${result.machine.nproc} x ${result.machine.cpu}, load ${load}]`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
