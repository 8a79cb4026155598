#!/usr/bin/env node
// Batch inference with the monitor's prediction log on (a real PredictionLog on a SQLite store,
// subscribed to the runtime's hooks, as `mlops predict` runs it with plugins.monitor) against the
// same batchPredict with no subscriber (the baseline), CSV in, CSV out, in one process and run.
// The logged time includes closing the log (its last flush), so every row is on disk.
//   node tools/bench/batch/bench-batch-log.mjs [--rows 200000] [--chunk 10000] [--runs 3]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { loadBuilt, machine, median, numberOption, repoRoot, secondsSince } from '../lib/common.mjs';

const rows = numberOption('rows', 200_000);
const chunkRows = numberOption('chunk', 10_000);
const runs = numberOption('runs', 3);
const features = ['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'x8'];

const require = createRequire(join(repoRoot, 'package.json'));
const ort = require('onnxruntime-node');
const { batchPredict } = loadBuilt('packages/serving');
const { createGraph, attr, tensor } = loadBuilt('packages/onnx');
const { createHookBus, silentLogger } = loadBuilt('packages/core');
const { openSqlMetadataStore, sqlHandleOf } = loadBuilt('packages/sql-metadata');
const { PredictionLog, monitorOptions, monitorMigrations } = loadBuilt('plugins/monitor');

function modelBytes() {
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
const info = { name: 'bench', version: 1, alias: null, digest: 'sha256:bench', signature, loadedAt: 0 };

async function loaded(bytes) {
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1 });
  const meta = (m) => ({ name: m.name, type: m.type, dims: m.shape.map((d) => (typeof d === 'number' ? d : null)) });
  return {
    inputs: session.inputMetadata.map(meta),
    outputs: session.outputMetadata.map(meta),
    async run(feeds) {
      const t = {};
      for (const [k, v] of Object.entries(feeds)) t[k] = new ort.Tensor('float32', v.data, v.dims);
      const out = await session.run(t);
      return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, { data: v.data, dims: v.dims }]));
    },
    release: () => session.release(),
  };
}

const dir = mkdtempSync(join(tmpdir(), 'mlops-bench-batch-log-'));
try {
  const input = join(dir, 'in.csv');
  let text = `id,${features.join(',')}\n`;
  for (let i = 0; i < rows; i++) text += `${i},${features.map((_, j) => (((i * 31 + j * 17) % 1000) / 250 - 2).toFixed(3)).join(',')}\n`;
  writeFileSync(input, text);
  const model = await loaded(modelBytes());
  const store = openSqlMetadataStore({ kind: 'sqlite', path: join(dir, 'metadata.sqlite') });
  await store.start();
  const sql = sqlHandleOf(store.database, 'monitor');
  const times = { logOff: [], logOn: [] };
  let written = 0;
  let dropped = 0;
  for (let r = 0; r < runs; r++) {
    let t0 = process.hrtime.bigint();
    await batchPredict({ model, signature, input: { kind: 'csv', path: input }, output: { kind: 'csv', path: join(dir, `off-${r}.csv`) }, chunkRows, log: { hooks: createHookBus(silentLogger), model: info } });
    times.logOff.push(secondsSince(t0));
    const hooks = createHookBus(silentLogger);
    const log = new PredictionLog(monitorOptions.parse({}), { sql, hooks, logger: silentLogger, migrate: () => store.database.migrate('monitor', monitorMigrations) });
    await log.start();
    t0 = process.hrtime.bigint();
    await batchPredict({ model, signature, input: { kind: 'csv', path: input }, output: { kind: 'csv', path: join(dir, `on-${r}.csv`) }, chunkRows, log: { hooks, model: info, jobId: `run${r}` } });
    await log.close();
    times.logOn.push(secondsSince(t0));
    written += log.stats().written;
    dropped += log.stats().dropped;
  }
  await store.close();
  await model.release();
  const med = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
  console.log(JSON.stringify({
    machine: machine(), rows, features: features.length, chunkRows, runs,
    medianSeconds: med,
    loggedRows: written, droppedRows: dropped,
    ratioLogOnToOff: +(med.logOff / med.logOn).toFixed(2),
  }, null, 2));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
