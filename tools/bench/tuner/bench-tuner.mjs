#!/usr/bin/env node
// Sampler + storage overhead per trial of @mlops/tuner against Optuna 3.1, measured in the same run:
// a trivial objective over 8 float parameters, so the time is the tuner's own (sampling, bookkeeping,
// storage). Cases: TPE and random sampling in memory, TPE on SQLite (ours: SqlTunerStorage with
// WAL; Optuna: RDBStorage, needs python3-sqlalchemy), and NSGA-II in memory on two objectives (the
// same 8 parameters; population 50, Optuna's default). Reports seconds per trial over the whole study
// and over its last 100 trials (overhead grows with the history), and ours/Optuna ratios (< 1: faster).
//
//   npx tsc -b plugins/tuner && node tools/bench/tuner/bench-tuner.mjs [--trials 200] [--runs 3] [--cases nsga2-memory,…]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBuilt, machine, median, numberOption, python } from '../lib/common.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const tuner = loadBuilt('plugins/tuner');
const nTrials = numberOption('trials', 200);
const runs = numberOption('runs', 3);
const sqlalchemy = spawnSync(python, ['-c', 'import sqlalchemy']).status === 0;
const allCases = ['tpe-memory', 'random-memory', 'nsga2-memory', ...(sqlalchemy ? ['tpe-sqlite'] : [])];
const casesArg = process.argv.indexOf('--cases');
const cases = casesArg === -1 ? allCases : process.argv[casesArg + 1].split(',').filter((c) => allCases.includes(c));

function objective(t) {
  let s = 0;
  for (let i = 0; i < 8; i++) s += (t.suggestFloat(`x${i}`, -5, 5) - 1) ** 2;
  return s;
}

// Two objectives over the same parameters: distance to 1 and to −1.
function objectives(t) {
  let a = 0;
  let b = 0;
  for (let i = 0; i < 8; i++) {
    const x = t.suggestFloat(`x${i}`, -5, 5);
    a += (x - 1) ** 2;
    b += (x + 1) ** 2;
  }
  return [a, b];
}

async function ours(kind, where) {
  const dir = where === 'sqlite' ? mkdtempSync(join(tmpdir(), 'bench-tuner-')) : undefined;
  const storage = dir ? tuner.openSqlTunerStorage({ kind: 'sqlite', path: join(dir, 'tuner.sqlite') }) : new tuner.InMemoryStorage();
  try {
    const sampler = kind === 'tpe' ? new tuner.TpeSampler({ seed: 1 }) : kind === 'nsga2' ? new tuner.NsgaIiSampler({ seed: 1 }) : new tuner.RandomSampler({ seed: 1 });
    const study = await tuner.createStudy({ name: 'bench', storage, sampler, directions: kind === 'nsga2' ? ['minimize', 'minimize'] : ['minimize'] });
    const stamps = [];
    const t0 = performance.now();
    for (let i = 0; i < nTrials; i++) {
      await study.optimize(kind === 'nsga2' ? objectives : objective, { nTrials: 1 });
      stamps.push(performance.now());
    }
    const tail = Math.min(100, nTrials);
    const from = tail < nTrials ? stamps[nTrials - tail - 1] : t0;
    return { perTrial: (stamps.at(-1) - t0) / 1000 / nTrials, lastPerTrial: (stamps.at(-1) - from) / 1000 / tail };
  } finally {
    await storage.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

function optuna() {
  const r = spawnSync(python, [join(here, 'bench-tuner.py'), String(nTrials), cases.join(',')], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`bench-tuner.py failed:\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

console.log(JSON.stringify({ ...machine(), trials: nTrials, runs, loadBefore: loadavg()[0].toFixed(2), optunaSqlite: sqlalchemy }));
const results = Object.fromEntries(cases.map((c) => [c, { ours: [], optuna: [], oursLast: [], optunaLast: [] }]));
for (let run = 0; run < runs; run++) {
  const theirs = optuna();
  for (const c of cases) {
    const [kind, where] = c.split('-');
    const mine = await ours(kind, where);
    results[c].ours.push(mine.perTrial);
    results[c].oursLast.push(mine.lastPerTrial);
    results[c].optuna.push(theirs[c].perTrial);
    results[c].optunaLast.push(theirs[c].lastPerTrial);
    console.log(`run ${run + 1} ${c}: ours ${(mine.perTrial * 1e3).toFixed(2)} ms/trial (last 100: ${(mine.lastPerTrial * 1e3).toFixed(2)}), Optuna ${(theirs[c].perTrial * 1e3).toFixed(2)} (last 100: ${(theirs[c].lastPerTrial * 1e3).toFixed(2)})`);
  }
}
console.log(`\nmedians of ${runs} runs, ${nTrials} trials, 8 float params (load after: ${loadavg()[0].toFixed(2)}):`);
for (const c of cases) {
  const r = results[c];
  const [a, b, al, bl] = [median(r.ours), median(r.optuna), median(r.oursLast), median(r.optunaLast)];
  console.log(`${c}: ours ${(a * 1e3).toFixed(2)} ms/trial vs Optuna ${(b * 1e3).toFixed(2)} → ratio ${(a / b).toFixed(3)}; last 100 trials ${(al * 1e3).toFixed(2)} vs ${(bl * 1e3).toFixed(2)} → ratio ${(al / bl).toFixed(3)}`);
}
