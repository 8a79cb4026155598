#!/usr/bin/env node
// Batch inference throughput: `batchPredict` (CSV in, CSV out, chunked, a checkpoint fsynced per
// chunk, feeds through the shared toFeeds) against a bare loop over the same file and model
// (frame's readCsv of the whole file, Float32 columns, one onnxruntime call per chunk, one write at
// the end: no checkpoint, no resume, unbounded memory). Same rows, same chunk size, one run.
//   node tools/bench/batch/bench-batch.mjs [--rows 500000] [--chunk 10000] [--runs 3]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { loadBuilt, machine, median, numberOption, repoRoot, secondsSince } from '../lib/common.mjs';

const rows = numberOption('rows', 500_000);
const chunkRows = numberOption('chunk', 10_000);
const runs = numberOption('runs', 3);
const features = ['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'x8'];

const require = createRequire(join(repoRoot, 'package.json'));
const ort = require('onnxruntime-node');
const { batchPredict } = loadBuilt('packages/serving');
const { readCsv } = loadBuilt('packages/frame');
const { createGraph, attr, tensor } = loadBuilt('packages/onnx');

/** A serving-shaped logistic model: one [N,1] float input per column, label + probabilities out. */
function model() {
  const g = createGraph('logistic');
  for (const f of features) g.input(f, 'float', ['N', 1]);
  g.node('Concat', features, ['x'], { axis: attr.int(1) })
    .initializer('w', tensor('float', [features.length, 1], features.map((_, i) => (i % 2 ? -0.3 : 0.2) * (i + 1))))
    .initializer('one', tensor('float', [1], [1]))
    .node('MatMul', ['x', 'w'], ['z'])
    .node('Sigmoid', ['z'], ['p1'])
    .node('Sub', ['one', 'p1'], ['p0'])
    .node('Concat', ['p0', 'p1'], ['probabilities'], { axis: attr.int(1) })
    .node('ArgMax', ['probabilities'], ['label'], { axis: attr.int(1), keepdims: attr.int(0) })
    .output('label', 'int64', ['N'])
    .output('probabilities', 'float', ['N', 2]);
  return g.toModel();
}

const signature = { task: 'binary', inputs: features.map((name) => ({ name, type: 'float' })), outputs: [{ name: 'label', type: 'int64', shape: [null] }, { name: 'probabilities', type: 'float', shape: [null, 2] }], classes: ['no', 'yes'] };

async function loaded(bytes) {
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1 });
  const info = (m) => ({ name: m.name, type: m.type, dims: m.shape.map((d) => (typeof d === 'number' ? d : null)) });
  return {
    session,
    inputs: session.inputMetadata.map(info),
    outputs: session.outputMetadata.map(info),
    async run(feeds) {
      const t = {};
      for (const [k, v] of Object.entries(feeds)) t[k] = new ort.Tensor('float32', v.data, v.dims);
      const out = await session.run(t);
      return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, { data: v.data, dims: v.dims }]));
    },
    release: () => session.release(),
  };
}

/** The bare loop: whole file in, Float32 columns, one call per chunk, CSV text out. */
async function bare(session, input, output) {
  const { frame } = await readCsv(input);
  const cols = features.map((f) => frame.column(f).data);
  let text = 'row,label,probability_no,probability_yes\n';
  for (let start = 0; start < frame.rowCount; start += chunkRows) {
    const n = Math.min(chunkRows, frame.rowCount - start);
    const feeds = {};
    features.forEach((f, j) => (feeds[f] = new ort.Tensor('float32', Float32Array.from(cols[j].subarray(start, start + n)), [n, 1])));
    const out = await session.run(feeds);
    const p = out.probabilities.data;
    const l = out.label.data;
    for (let i = 0; i < n; i++) text += `${start + i},${l[i] === 1n ? 'yes' : 'no'},${p[2 * i]},${p[2 * i + 1]}\n`;
  }
  await writeFile(output, text);
}

const dir = mkdtempSync(join(tmpdir(), 'mlops-bench-batch-'));
try {
  const input = join(dir, 'in.csv');
  let text = `id,${features.join(',')}\n`;
  for (let i = 0; i < rows; i++) text += `${i},${features.map((_, j) => (((i * 31 + j * 17) % 1000) / 250 - 2).toFixed(3)).join(',')}\n`;
  writeFileSync(input, text);
  const m = await loaded(model());
  const times = { batchPredict: [], bare: [] };
  for (let r = 0; r < runs; r++) {
    let t0 = process.hrtime.bigint();
    await batchPredict({ model: m, signature, input: { kind: 'csv', path: input }, output: { kind: 'csv', path: join(dir, `out-${r}.csv`) }, chunkRows });
    times.batchPredict.push(secondsSince(t0));
    t0 = process.hrtime.bigint();
    await bare(m.session, input, join(dir, `bare-${r}.csv`));
    times.bare.push(secondsSince(t0));
  }
  const med = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
  console.log(JSON.stringify({
    machine: machine(), rows, features: features.length, chunkRows, runs,
    medianSeconds: med,
    rowsPerSecond: Object.fromEntries(Object.entries(med).map(([k, v]) => [k, Math.round(rows / v)])),
    ratioBatchPredictToBare: +(med.bare / med.batchPredict).toFixed(2),
  }, null, 2));
  await m.release();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
