#!/usr/bin/env node
// TPE quality against Optuna 3.1 at the issue's scale: median best value over N seeds (default 20)
// after 30, 100 and 300 trials on Branin, Hartmann-6 and 10-D Rosenbrock (optuna_side.py's and
// functions.mjs's definitions) and tuning our GBDT on the shipped breast-cancer data (`gbdt`: five
// parameters, held-out log loss; gbdtObjective.mjs, which Optuna's side calls through gbdt_eval.mjs), our TpeSampler({ seed }) vs optuna.samplers.TPESampler(seed=seed),
// both with defaults. The metric is the best objective value so far, which does not depend on how a
// seed maps to random streams; distributions are compared by their medians and a one-sided
// Mann–Whitney U test of "ours is worse" (p). Prints a markdown table for BENCHMARKS.md.
//
// Optuna's side is slow (minutes per function at 300 trials), so it runs one seed per process and
// each seed's result is cached under tools/bench/results/ (git-ignored) keyed by function, seed and
// trials; an interrupted run resumes; --fresh reruns it.
//
//   npx tsc -b plugins/tuner && nice node tools/crosscheck/tuner/tpe-quality.mjs [--seeds 20] [--first-seed 0] [--checkpoints 30,100,300]
//     [--functions branin,hartmann6,rosenbrock10,gbdt] [--ours '{"multivariate":true}'] [--gamma-factor 0.07] [--fresh]
//   (gbdt also needs `npx tsc -b packages/frame plugins/trainer-gbdt`)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { functions } from './functions.mjs';
import { mannWhitneyGreater, median } from './mannWhitney.mjs';

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
const fresh = process.argv.includes('--fresh');
const firstSeed = Number(arg('first-seed', '0'));
const seeds = Array.from({ length: nSeeds }, (_, i) => firstSeed + i);
const maxTrials = Math.max(...checkpoints);
const cacheDir = join(root, 'tools', 'bench', 'results');

// Optuna's best-so-far rows [seed][checkpoint] for one function. One python process per seed, each
// seed's result cached in its own file (tools/bench/results/tpe-quality-optuna-<fn>-seed<k>-t<trials>.json),
// so an interrupted run resumes where it stopped and other seed ranges reuse what is there; --fresh reruns.
function optunaRows(name) {
  const t0 = Date.now();
  const jobCheckpoints = [...new Set([...checkpoints, maxTrials])].sort((a, b) => a - b);
  let ran = 0;
  const rows = seeds.map((seed) => {
    const file = join(cacheDir, `tpe-quality-optuna-${name}-seed${seed}-t${maxTrials}.json`);
    if (!fresh && existsSync(file)) {
      const cached = JSON.parse(readFileSync(file, 'utf8'));
      if (checkpoints.every((n) => cached.checkpoints.includes(n))) return checkpoints.map((n) => cached.row[cached.checkpoints.indexOf(n)]);
    }
    const job = { kind: 'benchmark', functions: [name], seeds: [seed], checkpoints: jobCheckpoints };
    const r = spawnSync('/usr/bin/python3', [join(here, 'optuna_side.py')], { input: JSON.stringify(job), maxBuffer: 1 << 26 });
    if (r.status !== 0) throw new Error(`optuna_side.py failed on ${name} seed ${seed}:\n${r.stderr}`);
    const row = JSON.parse(r.stdout).result[name][0];
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(file, JSON.stringify({ function: name, seed, checkpoints: jobCheckpoints, row }));
    ran++;
    return checkpoints.map((n) => row[jobCheckpoints.indexOf(n)]);
  });
  return { rows, seconds: (Date.now() - t0) / 1000, cached: ran === 0 ? 'all cached' : ran < seeds.length ? `${seeds.length - ran} seeds cached` : '' };
}

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
for (const name of fnNames) {
  const theirs = optunaRows(name);
  const ours = await ourRows(name);
  console.log(`${name}: ours ${ours.seconds.toFixed(0)} s, Optuna ${theirs.seconds.toFixed(0)} s${theirs.cached ? ` (${theirs.cached})` : ''}`);
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
