// Baseline (a) of bench-serving.mjs: the least a Node server can do for /predict — node:cluster,
// node:http, JSON.parse, one onnxruntime session (same options as @mlops/runtime-onnx), JSON out.
// No validation, no metrics, no batching. argv: model.onnx port workers
import cluster from 'node:cluster';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const [modelFile, port, workers] = process.argv.slice(2);

if (cluster.isPrimary && Number(workers) > 1) {
  for (let i = 0; i < Number(workers); i++) cluster.fork();
  process.on('SIGTERM', () => process.exit(0));
} else {
  const ort = require('onnxruntime-node');
  const session = await ort.InferenceSession.create(readFileSync(modelFile), { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all' });
  const names = session.inputNames;
  createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const row = JSON.parse(Buffer.concat(chunks).toString()).row;
      const feeds = {};
      for (const n of names) feeds[n] = new ort.Tensor('float32', Float32Array.of(row[n] ?? NaN), [1, 1]);
      const out = await session.run(feeds);
      const p = out.probabilities.data;
      const body = JSON.stringify({ predictions: [{ label: p[1] > p[0] ? 'pos' : 'neg', probabilities: { neg: p[0], pos: p[1] } }] });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  }).listen(Number(port), '127.0.0.1');
}
