'use strict';
// Entry of an `mlops build` bundle: `node server.js`, nothing else (no install, no network). Serves
// ./model.onnx with ./signature.json through @mlops/server on @mlops/runtime-onnx, both copied into
// ./node_modules. Environment: PORT (default __PORT__; 0 picks a free one, with WORKERS=1), HOST
// (0.0.0.0), WORKERS (default: one per core), LOG_LEVEL (info), ADMIN_TOKEN (enables /admin/*).
const os = require('node:os');
const path = require('node:path');
const { createConsoleLogger } = require('@mlops/core');
const { HttpModelServer, httpServerOptions } = require('@mlops/server');
const { OnnxModelRuntime, onnxRuntimeOptions } = require('@mlops/runtime-onnx');

const env = process.env;
const logger = createConsoleLogger(env.LOG_LEVEL || 'info');
// What `mlops build` wrote: the registered name, version and alias this bundle serves.
const built = require('./package.json').mlops;
const options = httpServerOptions.parse({
  modelFile: path.join(__dirname, 'model.onnx'),
  signatureFile: path.join(__dirname, 'signature.json'),
  modelIdentity: { name: built.model, version: built.version, alias: built.alias ?? null },
  host: env.HOST || '0.0.0.0',
  port: env.PORT === undefined || env.PORT === '' ? __PORT__ : Number(env.PORT),
  ...(env.WORKERS ? { workers: Number(env.WORKERS) } : {}),
  ...(env.ADMIN_TOKEN ? { adminToken: env.ADMIN_TOKEN } : {}),
  // The model is fixed at build time: nothing to poll.
  reloadIntervalMs: 0,
});
const server = new HttpModelServer(options, {
  runtime: new OnnxModelRuntime(onnxRuntimeOptions.parse({})),
  projectRoot: __dirname,
  // Only shadow logs would go here; the bundle folder may be read-only (a container image).
  stateDir: path.join(os.tmpdir(), 'mlops-bundle'),
  logger,
});

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  logger.info(`${signal}: draining in-flight requests`);
  try {
    await server.close();
    process.exit(0);
  } catch (error) {
    logger.error(`shutdown failed: ${error.message}`);
    process.exit(1);
  }
}
process.once('SIGTERM', () => void stop('SIGTERM'));
process.once('SIGINT', () => void stop('SIGINT'));

server.start().catch((error) => {
  logger.error(`could not start the model server: ${error.message}`);
  process.exit(1);
});
