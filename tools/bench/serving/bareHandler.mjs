// The bare node:http + onnxruntime handler of the serving benches (bare-server.mjs runs it alone;
// bare-inside.mjs runs it inside an `mlops serve` process). The least a Node server can do for
// /predict: JSON.parse, one onnxruntime session (same options as @mlops/runtime-onnx), JSON out. No
// validation, no metrics, no batching; `row` or `rows` bodies.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Loads `modelFile` (or uses `session`, an onnxruntime session already loaded) and serves /predict on 127.0.0.1:`port`; resolves with the listening server. */
export async function serveBare(modelFile, port, session) {
  const ort = require('onnxruntime-node');
  session ??= await ort.InferenceSession.create(readFileSync(modelFile), { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all' });
  const names = session.inputNames;
  const server = createServer((req, res) => {
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
  });
  await new Promise((ok) => server.listen(Number(port), '127.0.0.1', ok));
  return server;
}
