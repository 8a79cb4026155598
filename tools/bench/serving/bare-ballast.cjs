// Bench-only preload (`NODE_OPTIONS=--require=<this file>`, set by bench-one-connection --ballast 1):
// loads, into the bare handler's process, the modules an `mlops serve --model-file` process loads
// (the CLI, the server plugin and the onnx runtime plugin, with their dependencies: zod, prom-client,
// @opentelemetry/api, ...: about 420 modules, 13.5 MB of heap), without starting anything of ours: no
// server, no timer, no metrics registry. The bare handler then runs in a process with our heap and
// code footprint but its own request path. MLOPS_BENCH_BALLAST (comma-separated; paths relative to
// the repo root, or package names resolved from it) loads those instead, to bisect the footprint.
const { join } = require('node:path');

const root = join(__dirname, '../../..');
const modules = process.env.MLOPS_BENCH_BALLAST?.split(',').filter(Boolean) ?? ['packages/cli/dist/index.js', 'plugins/server/dist/index.js', 'plugins/runtime-onnx/dist/index.js'];
// NODE_OPTIONS and MLOPS_BENCH_BALLAST stay set: bare-server.mjs starts no other node program than
// its cluster workers (--workers N), which serve and must carry the same modules.
for (const m of modules) require(m.includes('/') && !m.startsWith('@') ? join(root, m) : require.resolve(m, { paths: [root] }));
