#!/usr/bin/env node
// TPE quality against Optuna 3.1 at the issue's scale: median best value over N seeds (default 20)
// after 30, 100 and 300 trials on Branin, Hartmann-6 and 10-D Rosenbrock (optuna_side.py's and
// functions.mjs's definitions) and tuning our GBDT on the shipped breast-cancer data (`gbdt`: five
// parameters, held-out log loss; gbdtObjective.mjs, which Optuna's side calls through gbdt_eval.mjs), our TpeSampler({ seed }) vs optuna.samplers.TPESampler(seed=seed),
// both with defaults. The metric is the best objective value so far, which does not depend on how a
// seed maps to random streams; distributions are compared by their medians and a one-sided
// Mann–Whitney U test of "ours is worse" (p). Prints a markdown table for BENCHMARKS.md.
//
// Optuna's side is slow (about an hour of CPU for four functions × 20 seeds × 300 trials), so its
// rows live in git, in tpe-quality-optuna.json (optunaReference.mjs: Optuna version, settings and a
// fingerprint of the objectives' code; a mismatch is refused). Only seeds or checkpoints missing from
// it are run, one optuna_side.py process per seed, each written back as it finishes; --refresh reruns
// the cells asked for (and, after an Optuna or objective change, replaces the stale rows).
//
//   npx tsc -b plugins/tuner && nice node tools/crosscheck/tuner/tpe-quality.mjs [--seeds 20] [--first-seed 0] [--checkpoints 30,100,300]
//     [--functions branin,hartmann6,rosenbrock10,gbdt] [--ours '{"multivariate":true}'] [--gamma-factor 0.07] [--refresh]
//   (gbdt also needs `npx tsc -b packages/frame plugins/trainer-gbdt`)
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { functions } from './functions.mjs';
import { mannWhitneyGreater, median } from './mannWhitney.mjs';
import { currentFingerprint, loadReference, optunaRows, referenceFile } from './optunaReference.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const tuner = createRequire(import.meta.url)(join(root, 'plugins', 'tuner', 'dist', 'index.js'));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1];
};
const nSeeds = Number(arg('seeds', '20'));
const checkpoints = arg('checkpoints', '30,100,300').split(',').map(Number);
const fnNames = arg('functions', 'branin,hartmann6,rosenbrock10').split(',');
// The GBDT case loads the built trainer, so it is imported only when asked for.
if (fnNames.includes('gbdt')) functions.gbdt = (await import('./gbdtObjective.mjs')).gbdt;
const oursOptions = JSON.parse(arg('ours', '{}'));
// γ is a function, which JSON cannot carry: --gamma-factor f gives ours γ(n) = min(⌈f·n⌉, 25) (Optuna's default is f = 0.1).
const gammaFactor = arg('gamma-factor', undefined);
if (gammaFactor !== undefined) oursOptions.gamma = (n) => Math.min(Math.ceil(Number(gammaFactor) * n), 25);
// --fresh is this flag's name before the rows were kept in git.
const refresh = process.argv.includes('--refresh') || process.argv.includes('--fresh');
const firstSeed = Number(arg('first-seed', '0'));
const seeds = Array.from({ length: nSeeds }, (_, i) => firstSeed + i);
const maxTrials = Math.max(...checkpoints);

async function ourRows(name) {
  const t0 = Date.now();
  const rows = [];
  for (const seed of seeds) {
    const study = await tuner.createStudy({ name: `${name}-${seed}`, sampler: new tuner.TpeSampler({ seed, ...oursOptions }) });
    await study.optimize(functions[name], { nTrials: maxTrials });
    const values = (await study.trials()).map((t) => t.values[0]);
    let best = Infinity;
    const bestSoFar = values.map((v) => (best = Math.min(best, v)));
    rows.push(checkpoints.map((n) => bestSoFar[n - 1]));
  }
  return { rows, seconds: (Date.now() - t0) / 1000 };
}

const fmt = (v) => (Math.abs(v) >= 1e4 ? v.toExponential(2) : v.toFixed(4));
console.log(`TPE quality: ${nSeeds} seeds from ${firstSeed}, checkpoints ${checkpoints.join('/')}, ours ${JSON.stringify(oursOptions)}${gammaFactor !== undefined ? ` with γ(n) = min(⌈${gammaFactor}·n⌉, 25)` : ''}`);
const lines = ['| function | trials | ours (median) | Optuna (median) | ours − Optuna | p(ours worse) | verdict |', '| --- | --- | --- | --- | --- | --- | --- |'];
let worse = 0;
const current = await currentFingerprint(fnNames);
if (!current) console.log(`${'/usr/bin/python3'} cannot import optuna: Optuna's rows come from ${referenceFile} unchecked`);
let reference;
try {
  reference = loadReference(current, fnNames, refresh);
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
for (const name of fnNames) {
  const theirs = optunaRows(reference, current, name, seeds, checkpoints, refresh);
  const ours = await ourRows(name);
  console.log(`${name}: ours ${ours.seconds.toFixed(0)} s, Optuna ${theirs.ran ? `${theirs.seconds.toFixed(0)} s for ${theirs.ran} seed(s) run, the rest recorded` : `recorded (${reference.optuna})`}`);
  checkpoints.forEach((n, c) => {
    const a = ours.rows.map((r) => r[c]);
    const b = theirs.rows.map((r) => r[c]);
    const [ma, mb] = [median(a), median(b)];
    const p = mannWhitneyGreater(a, b);
    if (ma > mb) worse++;
    lines.push(`| ${name} | ${n} | ${fmt(ma)} | ${fmt(mb)} | ${fmt(ma - mb)} | ${p.toFixed(3)} | ${ma <= mb ? 'at least as good' : p < 0.05 ? 'worse (p < 0.05)' : 'worse median, not significant'} |`);
  });
}
console.log(lines.join('\n'));
console.log(worse ? `${worse} comparison(s) with a worse median` : 'ours at least as good everywhere');
