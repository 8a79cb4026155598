#!/usr/bin/env node
// Screening of a TpeSampler variant against the default (or another setting), ours only, no Optuna:
// median best value after each checkpoint over the seeds, and one-sided Mann–Whitney p-values of
// "variant better" and "variant worse". For choosing variants on seeds away from tpe-quality.mjs's
// judging seeds (0–19, 200–219) without running Optuna.
//
//   npx tsc -b plugins/tuner && nice -n 19 node tools/crosscheck/tuner/tpe-screen.mjs --functions rosenbrock10 --seed-list 1000-1199
//     --variant '{"nEiCandidates":[{"from":0,"count":64},{"from":30,"count":256}]}' [--base '{}'] [--checkpoints 30,100,300]
//     [--rows-in base.json] [--rows-out variant.json]
// --rows-in reuses the base's per-seed rows from an earlier --rows-out of the base (written with
// --variant being that base), so the base is not rerun; --variant-rows-in likewise for the variant (then nothing
// runs and the two files are compared; each file's options must match --base/--variant). (gbdt also needs `npx tsc -b packages/frame plugins/trainer-gbdt`.)
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { functions } from './functions.mjs';
import { mannWhitneyGreater, median } from './mannWhitney.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const tuner = createRequire(import.meta.url)(join(here, '..', '..', '..', 'plugins', 'tuner', 'dist', 'index.js'));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  if (i !== -1 && (i + 1 >= process.argv.length || process.argv[i + 1].startsWith('--'))) {
    console.error(`--${name} needs a value`);
    process.exit(1);
  }
  return i === -1 ? fallback : process.argv[i + 1];
};
const fnNames = arg('functions', 'branin,hartmann6,rosenbrock10').split(',');
if (fnNames.includes('gbdt')) functions.gbdt = (await import('./gbdtObjective.mjs')).gbdt;
const checkpoints = arg('checkpoints', '30,100,300').split(',').map(Number);
const seeds = arg('seed-list', '1000-1039').split(',').flatMap((item) => {
  const m = /^(\d+)(?:-(\d+))?$/.exec(item.trim());
  if (!m) throw new Error(`--seed-list: ${JSON.stringify(item)} is not a seed or a range a-b`);
  const [a, b] = [Number(m[1]), Number(m[2] ?? m[1])];
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
});
const variant = JSON.parse(arg('variant', '{}'));
const base = JSON.parse(arg('base', '{}'));
const rowsOut = arg('rows-out', undefined);
const load = (flag, options) => {
  const file = arg(flag, undefined);
  if (file === undefined) return undefined;
  const stored = JSON.parse(readFileSync(file, 'utf8'));
  if (JSON.stringify(stored.options) !== JSON.stringify(options) || JSON.stringify(stored.checkpoints) !== JSON.stringify(checkpoints)) {
    console.error(`--${flag} ${file} holds ${JSON.stringify(stored.options)} at ${stored.checkpoints}, not ${JSON.stringify(options)} at ${checkpoints}`);
    process.exit(1);
  }
  return stored;
};
const stored = load('rows-in', base);
const storedVariant = load('variant-rows-in', variant);
const has = (file, name) => file?.rows?.[name] && seeds.every((s) => file.rows[name][s]);

async function rows(name, options) {
  const out = {};
  for (const seed of seeds) {
    const study = await tuner.createStudy({ name: `${name}-${seed}`, sampler: new tuner.TpeSampler({ seed, ...options }) });
    await study.optimize(functions[name], { nTrials: Math.max(...checkpoints) });
    let best = Infinity;
    const bestSoFar = (await study.trials()).map((t) => (best = Math.min(best, t.values[0])));
    out[seed] = checkpoints.map((n) => bestSoFar[n - 1]);
  }
  return out;
}

const fmt = (v) => (Math.abs(v) >= 1e4 ? v.toExponential(2) : Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(4));
console.log(`screen: seeds ${arg('seed-list', '1000-1039')} (${seeds.length}), base ${JSON.stringify(base)}, variant ${JSON.stringify(variant)}`);
console.log('| function | trials | base (median) | variant (median) | p(variant better) | p(variant worse) |\n| --- | --- | --- | --- | --- | --- |');
const saved = {};
for (const name of fnNames) {
  const t0 = Date.now();
  const b = has(stored, name) ? stored.rows[name] : await rows(name, base);
  const v = has(storedVariant, name) ? storedVariant.rows[name] : JSON.stringify(variant) === JSON.stringify(base) ? b : await rows(name, variant);
  saved[name] = v;
  checkpoints.forEach((n, c) => {
    const [x, y] = [seeds.map((s) => v[s][c]), seeds.map((s) => b[s][c])];
    const same = seeds.filter((s) => v[s][c] === b[s][c]).length;
    console.log(`| ${name} | ${n} | ${fmt(median(y))} | ${fmt(median(x))} | ${mannWhitneyGreater(y, x).toFixed(3)} | ${mannWhitneyGreater(x, y).toFixed(3)} |${same === seeds.length ? ' (identical)' : ''}`);
  });
  console.error(`${name}: ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}
if (rowsOut) writeFileSync(rowsOut, `${JSON.stringify({ options: variant, checkpoints, rows: saved })}\n`);
