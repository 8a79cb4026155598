// Baseline (a) of bench-serving.mjs: the bare handler (bareHandler.mjs) under node:cluster.
// argv: model.onnx port workers
import cluster from 'node:cluster';
import { serveBare } from './bareHandler.mjs';

const [modelFile, port, workers] = process.argv.slice(2);

if (cluster.isPrimary && Number(workers) > 1) {
  for (let i = 0; i < Number(workers); i++) cluster.fork();
  process.on('SIGTERM', () => process.exit(0));
} else {
  // Exit (not die) on SIGTERM: `--cpu-prof` writes its profile only on a normal exit.
  if (cluster.isPrimary) process.on('SIGTERM', () => process.exit(0));
  await serveBare(modelFile, port);
}
