#!/usr/bin/env node
// TPE quality against Optuna 3.1 at the issue's scale: median best value over N seeds (default 20)
// after 30, 100 and 300 trials on Branin, Hartmann-6 and 10-D Rosenbrock (optuna_side.py's and
// functions.mjs's definitions) and tuning our GBDT on the shipped breast-cancer data (`gbdt`: five
// parameters, held-out log loss; gbdtObjective.mjs, which Optuna's side calls through gbdt_eval.mjs), our TpeSampler({ seed }) vs optuna.samplers.TPESampler(seed=seed),
// both with defaults. Ours without --ours/--gamma-factor is `new TpeSampler({ seed })`, so it measures the
// sampler's current default: since session 13 (one objective) multivariate TPE with neighbour bandwidths,
// 64 EI candidates, rank weights and γ(n) = min(⌈0.07·n⌉, 25), and since session 17 10 startup trials that
// are the centre of the space then a 9-point Latin hypercube; the same as --ours
// '{"multivariate":true,"multivariateBandwidth":"neighbour","nEiCandidates":64,"nStartupTrials":10,"startup":"lhs","startupCentre":true,"goodWeights":"rank"}'
// --gamma-factor 0.07 (digit for digit). Optuna 3.1's settings on our side (the old default):
// --ours '{"multivariate":false,"nEiCandidates":24,"startup":"random","startupCentre":false,"goodWeights":"equal","gammaFactor":0.1}'.
// The metric is the best objective value so far, which does not depend on how a
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
//     [--seed-list 0-19,200-219] [--rows-out ours.json]
// --seed-list replaces --seeds/--first-seed: comma-separated seeds or ranges a-b; with more than one item
// a table is printed for each item (e.g. the two 20-seed sets) and one for all of them together.
// --rows-out writes our per-seed rows ({ function: { seed: [best at each checkpoint] } }) to a file.
//   (gbdt also needs `npx tsc -b packages/frame plugins/trainer-gbdt`)
import { writeFileSync } from 'node:fs';
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
// γ is a function, which JSON cannot carry: --gamma-factor f gives ours γ(n) = min(⌈f·n⌉, 25) (Optuna's default is f = 0.1,
// ours 0.07 without this flag; the same as "gammaFactor" in --ours).
const gammaFactor = arg('gamma-factor', undefined);
if (gammaFactor !== undefined) oursOptions.gamma = (n) => Math.min(Math.ceil(Number(gammaFactor) * n), 25);
// --fresh is this flag's name before the rows were kept in git.
const refresh = process.argv.includes('--refresh') || process.argv.includes('--fresh');
const firstSeed = Number(arg('first-seed', '0'));
const seedList = arg('seed-list', undefined);
// Seed groups: one per item of --seed-list (a seed or a range a-b), or the one range of --seeds/--first-seed.
const seedGroups = seedList === undefined
  ? [{ label: `${nSeeds} seeds from ${firstSeed}`, seeds: Array.from({ length: nSeeds }, (_, i) => firstSeed + i) }]
  : seedList.split(',').map((item) => {
      const m = /^(\d+)(?:-(\d+))?$/.exec(item.trim());
      if (!m || (m[2] !== undefined && Number(m[2]) < Number(m[1]))) {
        console.error(`--seed-list: ${JSON.stringify(item)} is not a seed or a range a-b`);
        process.exit(1);
      }
      const [a, b] = [Number(m[1]), Number(m[2] ?? m[1])];
      return { label: a === b ? `seed ${a}` : `seeds ${a}–${b}`, seeds: Array.from({ length: b - a + 1 }, (_, i) => a + i) };
    });
const seeds = [...new Set(seedGroups.flatMap((g) => g.seeds))];
if (seedGroups.length > 1) seedGroups.push({ label: `all ${seeds.length} seeds`, seeds });
const rowsOut = arg('rows-out', undefined);
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
console.log(`TPE quality: ${seedList === undefined ? seedGroups[0].label : `seeds ${seedList}`}, checkpoints ${checkpoints.join('/')}, ours ${JSON.stringify(oursOptions)}${gammaFactor !== undefined ? ` with γ(n) = min(⌈${gammaFactor}·n⌉, 25)` : ''}`);
const header = ['| function | trials | ours (median) | Optuna (median) | ours − Optuna | p(ours worse) | verdict |', '| --- | --- | --- | --- | --- | --- | --- |'];
const tables = seedGroups.map(() => [...header]);
const worse = seedGroups.map(() => 0);
const current = await currentFingerprint(fnNames);
if (!current) console.log(`${'/usr/bin/python3'} cannot import optuna: Optuna's rows come from ${referenceFile} unchecked`);
let reference;
try {
  reference = loadReference(current, fnNames, refresh);
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
const saved = {};
for (const name of fnNames) {
  const theirs = optunaRows(reference, current, name, seeds, checkpoints, refresh);
  const ours = await ourRows(name);
  saved[name] = Object.fromEntries(seeds.map((seed, i) => [seed, ours.rows[i]]));
  console.log(`${name}: ours ${ours.seconds.toFixed(0)} s, Optuna ${theirs.ran ? `${theirs.seconds.toFixed(0)} s for ${theirs.ran} seed(s) run, the rest recorded` : `recorded (${reference.optuna})`}`);
  seedGroups.forEach((group, g) => {
    const at = group.seeds.map((seed) => seeds.indexOf(seed));
    checkpoints.forEach((n, c) => {
      const a = at.map((i) => ours.rows[i][c]);
      const b = at.map((i) => theirs.rows[i][c]);
      const [ma, mb] = [median(a), median(b)];
      const p = mannWhitneyGreater(a, b);
      if (ma > mb) worse[g]++;
      tables[g].push(`| ${name} | ${n} | ${fmt(ma)} | ${fmt(mb)} | ${fmt(ma - mb)} | ${p.toFixed(3)} | ${ma <= mb ? 'at least as good' : p < 0.05 ? 'worse (p < 0.05)' : 'worse median, not significant'} |`);
    });
  });
}
if (rowsOut) writeFileSync(rowsOut, `${JSON.stringify({ ours: oursOptions, gammaFactor: gammaFactor ?? null, checkpoints, rows: saved })}\n`);
seedGroups.forEach((group, g) => {
  if (seedGroups.length > 1) console.log(`\n${group.label}:`);
  console.log(tables[g].join('\n'));
  console.log(worse[g] ? `${worse[g]} comparison(s) with a worse median` : 'ours at least as good everywhere');
});
