#!/usr/bin/env node
// Training time of @mlops/trainer-gbdt vs scikit-learn HistGradientBoostingClassifier and xgboost
// (hist), one thread each, on the same seeded synthetic binary data (rows × 28, ~2% missing in 4
// features), same rounds, 255 bins, depth-wise trees of max depth 6; then prediction throughput of
// the trained model in-process (predictProba) vs onnxruntime-node (1 intra-op thread) on the same rows.
// Wall and CPU seconds per library; `--threads N` adds one run of ours with `nThreads: N`.
//
//   npx tsc -b packages/frame plugins/trainer-gbdt && node tools/bench/gbdt/bench-gbdt.mjs [--rows 1000000] [--rounds 100] [--repeats 1] [--predict-repeats 3] [--threads 2]
//
// xgboost comes from Debian (`apt-get install -y python3-xgboost`); without it that line is skipped.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBuilt, machine, median, numberOption, python, secondsSince } from '../lib/common.mjs';
import { FEATURES, generateGbdtData } from './generate-gbdt-data.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const rows = numberOption('rows', 1_000_000);
const rounds = numberOption('rounds', 100);
const repeats = numberOption('repeats', 1);
const predictRepeats = numberOption('predict-repeats', 3);
const threads = numberOption('threads', 1);
const depth = 6;
const { Frame, float64Column } = loadBuilt('packages/frame');
const { createGbdtTrainer } = loadBuilt('plugins/trainer-gbdt');
const ort = await import('onnxruntime-node');

const file = generateGbdtData(rows);
const raw = new Float32Array(readFileSync(file).buffer.slice(0));
const columns = {};
for (let f = 0; f < FEATURES; f++) {
  const c = new Float64Array(rows);
  for (let i = 0; i < rows; i++) c[i] = raw[i * (FEATURES + 1) + f];
  columns[`f${f}`] = float64Column(c);
}
const y = new Float64Array(rows);
for (let i = 0; i < rows; i++) y[i] = raw[i * (FEATURES + 1) + FEATURES];
const frame = Frame.fromColumns({ ...columns, y: float64Column(y) });
console.log(JSON.stringify({ machine: machine(), rows, features: FEATURES, rounds, maxDepth: depth, bins: 255, repeats }));

const params = { objective: 'binary', nRounds: rounds, maxDepth: depth, growPolicy: 'depthwise', minSamplesLeaf: 20, l2: 1, maxBins: 255, learningRate: 0.1 };
const ours = [];
const oursCpu = [];
let model;
let lastLoss = NaN;
for (let r = 0; r < repeats; r++) {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  model = await createGbdtTrainer().fit(frame, 'y', params, { seed: 0, onIteration: ({ metrics }) => void (lastLoss = metrics.train_logloss) });
  ours.push(secondsSince(t0));
  const cpu = process.cpuUsage(c0);
  oursCpu.push((cpu.user + cpu.system) / 1e6);
}
const py = JSON.parse(
  execFileSync(python, [join(here, 'bench-gbdt.py'), file, String(rows), String(rounds), String(depth), String(repeats)], {
    env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' },
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  }),
);
const train = [['mlops gbdt', median(ours), median(oursCpu), lastLoss]];
train.push(['sklearn HGB', median(py.sklearn.seconds), median(py.sklearn.cpu_seconds), py.sklearn.train_logloss]);
if (py.xgboost) train.push([`xgboost ${py.xgboost_version} hist`, median(py.xgboost.seconds), median(py.xgboost.cpu_seconds), py.xgboost.train_logloss]);
else console.log(`xgboost skipped: ${py.xgboost_error}`);
// Wall time is what the goal is about; user CPU time beside it shows how much of a gap is other
// jobs on a shared machine (each library runs one thread, so CPU ≈ wall on an idle machine).
console.log(`\ntraining (${rows} rows × ${FEATURES}, ${rounds} rounds, depth ${depth}, 1 thread), median of ${repeats}:`);
for (const [name, s, cpu, loss] of train) {
  console.log(`  ${name.padEnd(20)} ${s.toFixed(2).padStart(8)} s   ×${(s / train[0][1]).toFixed(2)} of ours   cpu ${cpu.toFixed(2).padStart(6)} s ×${(cpu / train[0][2]).toFixed(2)}   train logloss ${loss.toFixed(4)}`);
}
console.log(`  ours / sklearn: ${(train[0][1] / train[1][1]).toFixed(2)} (wall), ${(train[0][2] / train[1][2]).toFixed(2)} (cpu)`);

// Opt-in: our trainer with histograms on several threads (not part of the one-thread comparison).
if (threads > 1) {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  let loss = NaN;
  await createGbdtTrainer().fit(frame, 'y', { ...params, nThreads: threads }, { seed: 0, onIteration: ({ metrics }) => void (loss = metrics.train_logloss) });
  const s = secondsSince(t0);
  const cpu = process.cpuUsage(c0);
  console.log(`  mlops gbdt, nThreads ${threads}: ${s.toFixed(2)} s (×${(s / train[0][1]).toFixed(2)} of 1 thread), cpu ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s, train logloss ${loss.toFixed(4)}`);
}

// Prediction: the same rows, in-process vs onnxruntime on a [rows, 28] float32 tensor.
const x = new Float32Array(rows * FEATURES);
for (let i = 0; i < rows; i++) for (let f = 0; f < FEATURES; f++) x[i * FEATURES + f] = raw[i * (FEATURES + 1) + f];
const features = frame.drop(['y']);
const inProcess = [];
for (let r = 0; r < predictRepeats; r++) {
  const t0 = process.hrtime.bigint();
  model.predictProba(features);
  inProcess.push(secondsSince(t0));
}
const session = await ort.InferenceSession.create(model.toOnnx(), { intraOpNumThreads: 1, interOpNumThreads: 1 });
const tensor = new ort.Tensor('float32', x, [rows, FEATURES]);
const onnx = [];
for (let r = 0; r < predictRepeats; r++) {
  const t0 = process.hrtime.bigint();
  await session.run({ features: tensor });
  onnx.push(secondsSince(t0));
}
const rate = (s) => rows / median(s);
console.log(`\nprediction (${rows} rows, ${model.data.trees.length} trees), median of ${predictRepeats}:`);
console.log(`  in-process predictProba  ${(rate(inProcess) / 1e6).toFixed(2)} M rows/s`);
console.log(`  onnxruntime-node (1 thr) ${(rate(onnx) / 1e6).toFixed(2)} M rows/s   ×${(rate(onnx) / rate(inProcess)).toFixed(2)} of in-process`);
