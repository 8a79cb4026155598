#!/usr/bin/env node
// Cross-check of @mlops/tuner's multi-objective TPE against Optuna 3.1's TPESampler with several
// objectives (MOTPE; Debian's python3-optuna):
//  1. The split and the weights of `hypervolumeWeights: true`: on random loss sets (2 and 3
//     objectives, 6–60 trials, some with constraint violations), the "good" set equals `_split_observation_pairs`'s (whole fronts, the
//     last one by greedy hypervolume subset selection) and each good trial's weight equals
//     `_calculate_weights_below_for_multi_objective`'s (hypervolume contribution) to 1e-9.
//  2. Quality: ZDT1 (5-D) and Binh–Korn (unconstrained), both objectives minimised, defaults on both
//     sides (ours weighs the good trials like Optuna only with --ours '{"hypervolumeWeights":true}'); hypervolume of all trials so far after each checkpoint against a fixed reference point
//     (ZDT1 (1.1, 11), Binh–Korn (140, 55)); median over N seeds, one-sided Mann–Whitney U test of
//     "ours is worse" (higher hypervolume is better). Optuna's side is cached under tools/bench/results/.
//
//   npx tsc -b plugins/tuner && nice node tools/crosscheck/tuner/crosscheck-motpe.mjs [--seeds 20] [--checkpoints 50,100,200]
//     [--problems zdt1,binhkorn] [--fresh] [--quality-only] [--ours '{"hypervolumeWeights":true}']
//     [--tuner-dist DIR (another build of ours, for an A/B)]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mannWhitneyGreater, median } from './mannWhitney.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const distArg = process.argv.indexOf('--tuner-dist');
const dist = distArg === -1 ? join(root, 'plugins', 'tuner', 'dist') : join(process.cwd(), process.argv[distArg + 1]);
if (!existsSync(join(dist, 'index.js'))) throw new Error(`${dist} is missing: run \`npx tsc -b plugins/tuner\` first`);
const require = createRequire(import.meta.url);
const tuner = require(join(dist, 'index.js'));
// The split is internal to the sampler; the cross-check reads it from the built file.
const { splitObservations, hypervolumeWeights } = require(join(dist, 'samplers', 'tpeSplit.js'));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1];
};
const nSeeds = Number(arg('seeds', '20'));
const checkpoints = arg('checkpoints', '50,100,200').split(',').map(Number);
const problems = arg('problems', 'zdt1,binhkorn').split(',');
const fresh = process.argv.includes('--fresh');
const oursOptions = JSON.parse(arg('ours', '{}'));
const seeds = Array.from({ length: nSeeds }, (_, i) => i);
const maxTrials = Math.max(...checkpoints);

let failures = 0;
const report = (ok, line) => {
  if (!ok) failures++;
  console.log(`${ok ? 'PASS' : 'FAIL'} ${line}`);
};

function optuna(job) {
  const r = spawnSync('/usr/bin/python3', [join(here, 'motpe_side.py')], { input: JSON.stringify(job), maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`motpe_side.py ${job.kind} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.toString());
}

// 1. Split and weights.
if (!process.argv.includes('--quality-only')) {
  let s = 2024;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const cases = [];
  for (let k = 0; k < 120; k++) {
    const n = 6 + Math.floor(rand() * 55);
    const m = k % 3 === 2 ? 3 : 2;
    // A cloud around a convex front, so fronts have several points and the last one is cut.
    const losses = Array.from({ length: n }, () => {
      const t = Array.from({ length: m }, () => rand() + 0.05);
      const norm = Math.hypot(...t);
      const r = 1 + 0.6 * rand() * rand();
      return t.map((v) => (v / norm) * r - (k % 4 === 1 ? 0.5 : 0));
    });
    const c = { losses, nBelow: tuner.optunaGamma(n) };
    if (k % 5 === 4) c.violations = losses.map(() => (rand() < 0.3 ? rand() : 0));
    cases.push(c);
  }
  const theirs = optuna({ kind: 'split', cases });
  let splitOk = 0;
  let weightsOk = 0;
  let worst = 0;
  cases.forEach((c, k) => {
    const obs = c.losses.map((key, i) => ({ trial: { number: i, state: 'complete' }, key }));
    const split = splitObservations(obs, c.nBelow, c.losses[0].length, c.violations, 'hypervolume');
    const ours = split.below.map((o) => o.trial.number);
    const want = [...theirs[k].below].sort((a, b) => a - b);
    if (JSON.stringify(ours) === JSON.stringify(want)) splitOk++;
    else return;
    const w = hypervolumeWeights(split.below, (o) => !c.violations || c.violations[o.trial.number] === 0);
    const byIndex = new Map(theirs[k].below.map((i, j) => [i, theirs[k].weights[j]]));
    const err = Math.max(...ours.map((i, j) => Math.abs(w[j] - byIndex.get(i))));
    worst = Math.max(worst, err);
    if (err <= 1e-9) weightsOk++;
  });
  report(splitOk === cases.length, `good set equals Optuna's _split_observation_pairs on ${splitOk}/${cases.length} random loss sets`);
  report(weightsOk === cases.length, `good trials' hypervolume-contribution weights equal Optuna's on ${weightsOk}/${cases.length} (max |Δ| ${worst.toExponential(1)})`);
}

// 2. Quality.
const problemDefs = {
  zdt1: {
    reference: [1.1, 11],
    objective(t) {
      const x = Array.from({ length: 5 }, (_, i) => t.suggestFloat(`x${i}`, 0, 1));
      const g = 1 + (9 * x.slice(1).reduce((a, b) => a + b, 0)) / 4;
      return [x[0], g * (1 - Math.sqrt(x[0] / g))];
    },
  },
  binhkorn: {
    reference: [140, 55],
    objective(t) {
      const x = t.suggestFloat('x', 0, 5);
      const y = t.suggestFloat('y', 0, 3);
      return [4 * x * x + 4 * y * y, (x - 5) ** 2 + (y - 5) ** 2];
    },
  },
};

function optunaValues(problem) {
  const file = join(root, 'tools', 'bench', 'results', `motpe-optuna-${problem}-s${nSeeds}-t${maxTrials}.json`);
  if (!fresh && existsSync(file)) return { ...JSON.parse(readFileSync(file, 'utf8')), cached: true };
  const t0 = Date.now();
  const runs = optuna({ kind: 'study', problem, seeds, trials: maxTrials });
  const out = { runs, seconds: (Date.now() - t0) / 1000 };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(out));
  return out;
}

const hvAt = (runs, n, ref) => runs.map((values) => tuner.hypervolume(values.slice(0, n), ref));
const lines = ['| problem | trials | ours (median HV) | Optuna (median HV) | ours − Optuna | p(ours worse) |', '| --- | --- | --- | --- | --- | --- |'];
for (const problem of problems) {
  const def = problemDefs[problem];
  const theirs = optunaValues(problem);
  const t0 = Date.now();
  const ours = [];
  for (const seed of seeds) {
    const study = await tuner.createStudy({ name: `${problem}-${seed}`, directions: ['minimize', 'minimize'], sampler: new tuner.TpeSampler({ seed, ...oursOptions }) });
    await study.optimize(def.objective, { nTrials: maxTrials });
    ours.push((await study.trials()).map((t) => t.values));
  }
  console.log(`${problem}: ours ${((Date.now() - t0) / 1000).toFixed(0)} s, Optuna ${theirs.seconds.toFixed(0)} s${theirs.cached ? ' (cached)' : ''}`);
  for (const n of checkpoints) {
    const a = hvAt(ours, n, def.reference);
    const b = hvAt(theirs.runs, n, def.reference);
    const p = mannWhitneyGreater(b, a); // "Optuna's tends to be greater" = ours is worse
    lines.push(`| ${problem} | ${n} | ${median(a).toFixed(4)} | ${median(b).toFixed(4)} | ${(median(a) - median(b)).toFixed(4)} | ${p.toFixed(3)} |`);
    report(!(median(a) < median(b) && p < 0.01), `${problem} hypervolume after ${n} trials, ${nSeeds} seeds: median ours ${median(a).toFixed(4)} vs Optuna ${median(b).toFixed(4)}, p(ours worse) = ${p.toFixed(3)}`);
  }
}
console.log(lines.join('\n'));
process.exit(failures ? 1 : 0);
