#!/usr/bin/env node
// Per-trial sampler + storage overhead as a study grows, @mlops/tuner vs Optuna 3.1 in the same run:
// TPE (defaults, seed 1) on a trivial objective over 8 float parameters, timed over `--measure`
// trials once the study holds N finished trials (N = --sizes, default 100,500,1000,2000). In memory
// vs Optuna in memory; SQLite (SqlTunerStorage, WAL) vs Optuna's RDBStorage on SQLite. The history
// is filled fast and alike on both sides: random params with their true values (ours: a
// RandomSampler study on the same storage; Optuna: study.add_trials), then TPE trials run one
// `optimize(…, 1 trial)` call at a time, as the existing bench-tuner.mjs does. Reports ms per trial
// at each size and ours/Optuna (< 0.5 is the issue's goal).
//
//   npx tsc -b plugins/tuner && nice node tools/bench/tuner/bench-tuner-growth.mjs [--sizes 100,500,1000,2000] [--measure 20] [--runs 3] [--cases tpe-memory,tpe-sqlite]
//     [--ours '{"multivariate":true}'] (options for our TpeSampler; Optuna's side keeps its defaults)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBuilt, machine, median, numberOption, python } from '../lib/common.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const tuner = loadBuilt('plugins/tuner');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1];
};
const sizes = arg('sizes', '100,500,1000,2000').split(',').map(Number);
const measure = numberOption('measure', 20);
const runs = numberOption('runs', 3);
const cases = arg('cases', 'tpe-memory,tpe-sqlite').split(',');
const oursOptions = JSON.parse(arg('ours', '{}'));

function objective(t) {
  let s = 0;
  for (let i = 0; i < 8; i++) s += (t.suggestFloat(`x${i}`, -5, 5) - 1) ** 2;
  return s;
}

async function ours(where) {
  const dir = where === 'sqlite' ? mkdtempSync(join(tmpdir(), 'bench-tuner-growth-')) : undefined;
  const storage = dir ? tuner.openSqlTunerStorage({ kind: 'sqlite', path: join(dir, 'tuner.sqlite') }) : new tuner.InMemoryStorage();
  try {
    const study = await tuner.createStudy({ name: 'bench', storage, sampler: new tuner.TpeSampler({ ...oursOptions, seed: 1 }) });
    const filler = await tuner.createStudy({ name: 'bench', storage, sampler: new tuner.RandomSampler({ seed: 1 }), loadIfExists: true });
    const out = {};
    let have = 0;
    for (const size of sizes) {
      if (size > have) await filler.optimize(objective, { nTrials: size - have });
      have = Math.max(have, size);
      const t0 = performance.now();
      for (let i = 0; i < measure; i++) await study.optimize(objective, { nTrials: 1 });
      out[size] = (performance.now() - t0) / 1000 / measure;
      have += measure;
    }
    return out;
  } finally {
    await storage.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

function optuna() {
  const r = spawnSync(python, [join(here, 'bench-tuner-growth.py'), sizes.join(','), String(measure), cases.join(',')], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`bench-tuner-growth.py failed:\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

console.log(JSON.stringify({ ...machine(), sizes, measure, runs, ours: oursOptions, loadBefore: loadavg()[0].toFixed(2) }));
// Warm-up: compile the sampler's hot paths before anything is timed (Optuna's run is warm by the
// time it times its first trial too: numpy and the samplers are imported and used by then).
{
  const warm = await tuner.createStudy({ name: 'warm', sampler: new tuner.TpeSampler({ ...oursOptions, seed: 2 }) });
  await warm.optimize(objective, { nTrials: 60 });
}
const results = Object.fromEntries(cases.map((c) => [c, Object.fromEntries(sizes.map((s) => [s, { ours: [], optuna: [] }]))]));
for (let run = 0; run < runs; run++) {
  const theirs = optuna();
  for (const c of cases) {
    const mine = await ours(c.split('-')[1]);
    for (const s of sizes) {
      results[c][s].ours.push(mine[s]);
      results[c][s].optuna.push(theirs[c][String(s)]);
    }
    console.log(`run ${run + 1} ${c}: ${sizes.map((s) => `${s}: ours ${(mine[s] * 1e3).toFixed(2)} / Optuna ${(theirs[c][String(s)] * 1e3).toFixed(2)} ms`).join('; ')}`);
  }
}
console.log(`\nmedians of ${runs} runs, ${measure} TPE trials timed at each size, 8 float params (load after: ${loadavg()[0].toFixed(2)}):`);
console.log('| case | finished trials | ours ms/trial | Optuna ms/trial | ours / Optuna |\n| --- | --- | --- | --- | --- |');
for (const c of cases) {
  for (const s of sizes) {
    const [a, b] = [median(results[c][s].ours), median(results[c][s].optuna)];
    console.log(`| ${c} | ${s} | ${(a * 1e3).toFixed(2)} | ${(b * 1e3).toFixed(2)} | **${(a / b).toFixed(3)}** |`);
  }
}
