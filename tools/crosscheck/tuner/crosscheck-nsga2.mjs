#!/usr/bin/env node
// Cross-check of @mlops/tuner's NsgaIiSampler against Optuna 3.1's NSGAIISampler (Debian's python3-optuna):
//  1. Crowding distance: on random fronts (ties, one point, two points, an objective where every point
//     is equal, infinite values), ours equals `_calc_crowding_distance` to 1e-12.
//  2. Non-domination ranks: on random point sets (minimise and maximise, ties, duplicates), every
//     point's rank equals the front `_fast_non_dominated_sort` puts it in.
//  3. Quality: ZDT1 (5 dimensions, 2 objectives), population 20, 300 trials, over N seeds each: the
//     hypervolume of the final Pareto front (reference point (1.1, 11)) of ours vs Optuna's. The seeds
//     drive different random streams, so distributions are compared: medians and a one-sided
//     Mann–Whitney U test of "ours is worse". TOLERANCE: fails only when our median is worse AND p < 0.01.
//
//   npx tsc -b plugins/tuner && node tools/crosscheck/tuner/crosscheck-nsga2.mjs [--seeds 10] [--trials 300]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mannWhitneyGreater, median } from './mannWhitney.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '..', '..', '..', 'plugins', 'tuner', 'dist', 'index.js');
if (!existsSync(dist)) throw new Error(`${dist} is missing: run \`npx tsc -b plugins/tuner\` first`);
const tuner = createRequire(import.meta.url)(dist);
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1];
};
const nSeeds = Number(arg('seeds', '10'));
const nTrials = Number(arg('trials', '300'));

let failures = 0;
const report = (ok, line) => {
  if (!ok) failures++;
  console.log(`${ok ? 'PASS' : 'FAIL'} ${line}`);
};

function optuna(job) {
  // JSON has no infinities; Python's json module reads the `Infinity` tokens.
  const input = JSON.stringify(job, (_k, v) => (v === Infinity ? '__inf__' : v === -Infinity ? '__-inf__' : v)).replace(/"__inf__"/g, 'Infinity').replace(/"__-inf__"/g, '-Infinity');
  const r = spawnSync('/usr/bin/python3', [join(here, 'nsga2_side.py')], { input, maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`nsga2_side.py ${job.kind} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.toString());
}

// A seeded stream for generating cases (not the samplers' randomness).
function lcg(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}
const rand = lcg(12345);
const pick = (xs) => xs[Math.floor(rand() * xs.length)];

// 1. Crowding distance.
{
  const fronts = [[[1, 2]], [[0, 4], [4, 0]], [[1, 0], [1, 1], [1, 3]], [[0, Infinity], [1, 2], [2, 1], [3, -Infinity]]];
  for (let k = 0; k < 60; k++) {
    const n = 1 + Math.floor(rand() * 12);
    const m = 2 + Math.floor(rand() * 2);
    // Values from a small set so ties are common.
    fronts.push(Array.from({ length: n }, () => Array.from({ length: m }, () => pick([0, 0.5, 1, 1.5, 2, 3, rand() * 5]))));
  }
  const theirs = optuna({ kind: 'crowding', fronts });
  let worst = 0;
  let mismatched = 0;
  fronts.forEach((points, i) => {
    const ours = tuner.crowdingDistance(points);
    ours.forEach((d, j) => {
      const t = theirs[i][j] >= 1e308 ? Infinity : theirs[i][j];
      if (d === t) return;
      const diff = Math.abs(d - t);
      if (!(diff <= 1e-12)) mismatched++;
      else worst = Math.max(worst, diff);
    });
  });
  report(mismatched === 0, `crowding distance on ${fronts.length} fronts: ${mismatched} values differ (largest finite difference ${worst})`);
}

// 2. Non-domination ranks.
{
  const directions = ['minimize', 'maximize'];
  const sets = Array.from({ length: 40 }, () => Array.from({ length: 2 + Math.floor(rand() * 30) }, () => [pick([0, 1, 2, 3]), Math.round(rand() * 8) / 2]));
  const theirs = optuna({ kind: 'ranks', directions, sets });
  const signs = directions.map((d) => (d === 'minimize' ? 1 : -1));
  const differing = sets.filter((points, i) => JSON.stringify(tuner.nonDominatedRanks(points.map((p) => p.map((v, j) => signs[j] * v)))) !== JSON.stringify(theirs[i])).length;
  report(differing === 0, `non-domination ranks on ${sets.length} point sets (minimise + maximise, ties, duplicates): ${differing} sets differ`);
}

// 3. Quality on ZDT1.
{
  const dims = 5;
  const population = 20;
  const seeds = Array.from({ length: nSeeds }, (_, i) => i);
  const zdt1 = (t) => {
    const x = Array.from({ length: dims }, (_, i) => t.suggestFloat(`x${i}`, 0, 1));
    const g = 1 + (9 * x.slice(1).reduce((a, b) => a + b, 0)) / (dims - 1);
    return [x[0], g * (1 - Math.sqrt(x[0] / g))];
  };
  const ours = [];
  for (const seed of seeds) {
    const study = await tuner.createStudy({ name: `zdt1-${seed}`, directions: ['minimize', 'minimize'], sampler: new tuner.NsgaIiSampler({ seed, populationSize: population }) });
    await study.optimize(zdt1, { nTrials });
    ours.push(hypervolume((await study.trials(['complete'])).map((t) => t.values)));
  }
  const theirs = optuna({ kind: 'zdt1', seeds, population, dims, trials: nTrials }).map(hypervolume);
  const p = mannWhitneyGreater(theirs, ours); // "theirs tends to be greater" = ours is worse (higher is better)
  const worse = median(ours) < median(theirs);
  report(!(worse && p < 0.01), `ZDT1 (${dims}-D) hypervolume after ${nTrials} trials, population ${population}, ${nSeeds} seeds: median ours ${median(ours).toFixed(4)} vs Optuna ${median(theirs).toFixed(4)}${worse ? `; ours worse, p = ${p.toPrecision(2)}` : ''}`);
}

// Hypervolume of the non-dominated points (both minimised) against the reference point (1.1, 11).
function hypervolume(values) {
  const ref = [1.1, 11];
  const pts = values.filter((v) => v[0] < ref[0] && v[1] < ref[1]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let hv = 0;
  let bestY = ref[1];
  for (const [x, y] of pts) {
    if (y >= bestY) continue;
    hv += (ref[0] - x) * (bestY - y);
    bestY = y;
  }
  return hv;
}

process.exit(failures ? 1 : 0);
