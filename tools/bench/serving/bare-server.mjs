// Baseline (a) of bench-serving.mjs: the least a Node server can do for /predict — node:cluster,
// node:http, JSON.parse, one onnxruntime session (same options as @mlops/runtime-onnx), JSON out.
// No validation, no metrics, no batching; `row` or `rows` bodies. argv: model.onnx port workers
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
  // Exit (not die) on SIGTERM: `--cpu-prof` writes its profile only on a normal exit.
  if (cluster.isPrimary) process.on('SIGTERM', () => process.exit(0));
  const ort = require('onnxruntime-node');
  const session = await ort.InferenceSession.create(readFileSync(modelFile), { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all' });
  const names = session.inputNames;
  createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const parsed = JSON.parse(Buffer.concat(chunks).toString());
      const rows = parsed.rows ?? [parsed.row];
      const feeds = {};
      for (const n of names) {
        const data = new Float32Array(rows.length);
        for (let i = 0; i < rows.length; i++) data[i] = rows[i][n] ?? NaN;
        feeds[n] = new ort.Tensor('float32', data, [rows.length, 1]);
      }
      const out = await session.run(feeds);
      const p = out.probabilities.data;
      const predictions = [];
      for (let i = 0; i < rows.length; i++) predictions.push({ label: p[2 * i + 1] > p[2 * i] ? 'pos' : 'neg', probabilities: { neg: p[2 * i], pos: p[2 * i + 1] } });
      const body = JSON.stringify({ predictions });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  }).listen(Number(port), '127.0.0.1');
}
