#!/usr/bin/env node
// Training time of @mlops/trainer-gbdt alone on a slice of the bench-gbdt data, for quick
// back-to-back comparisons while tuning (bench-gbdt.mjs is the full comparison with sklearn/xgboost).
// Prints each run's seconds, the median (and the median CPU seconds, steadier when other jobs
// share the cores), the final train log loss and a hash of the model JSON, so
// a speed change that also changes the trees shows up.
//
//   npx tsc -b packages/frame plugins/trainer-gbdt && node tools/bench/gbdt/time-gbdt-fit.mjs [--rows 200000] [--rounds 100] [--repeats 3] [--threads 1]
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadBuilt, median, numberOption, secondsSince } from '../lib/common.mjs';
import { FEATURES, generateGbdtData } from './generate-gbdt-data.mjs';

const rows = numberOption('rows', 200_000);
const rounds = numberOption('rounds', 100);
const repeats = numberOption('repeats', 3);
const threads = numberOption('threads', 1);
const { Frame, float64Column } = loadBuilt('packages/frame');
const { createGbdtTrainer } = loadBuilt('plugins/trainer-gbdt');

const raw = new Float32Array(readFileSync(generateGbdtData(rows)).buffer.slice(0));
const columns = {};
for (let f = 0; f <= FEATURES; f++) {
  const c = new Float64Array(rows);
  for (let i = 0; i < rows; i++) c[i] = raw[i * (FEATURES + 1) + f];
  columns[f === FEATURES ? 'y' : `f${f}`] = float64Column(c);
}
const frame = Frame.fromColumns(columns);
const params = { objective: 'binary', nRounds: rounds, maxDepth: 6, growPolicy: 'depthwise', minSamplesLeaf: 20, l2: 1, maxBins: 255, learningRate: 0.1, ...(threads > 1 ? { nThreads: threads } : {}) };
const times = [];
const cpu = [];
let loss = NaN;
let hash = '';
for (let r = 0; r < repeats; r++) {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const model = await createGbdtTrainer().fit(frame, 'y', params, { seed: 0, onIteration: ({ metrics }) => void (loss = metrics.train_logloss) });
  times.push(secondsSince(t0));
  const used = process.cpuUsage(c0);
  cpu.push((used.user + used.system) / 1e6);
  hash = createHash('sha1').update(JSON.stringify(model.toJSON())).digest('hex').slice(0, 12);
}
console.log(JSON.stringify({ rows, rounds, threads, seconds: times.map((s) => +s.toFixed(3)), median: +median(times).toFixed(3), cpuMedian: +median(cpu).toFixed(3), trainLogloss: +loss.toFixed(6), model: hash }));
