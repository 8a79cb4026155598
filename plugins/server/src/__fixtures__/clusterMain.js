// Entry of a clustered server in a child process (the workers test). Loads TypeScript sources with
// @swc/core, mapping @mlops/* to their src like jest does, so the test never runs a stale dist/.
// argv: modelFile signatureFile port workers
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '../../../..');
const sources = {
  '@mlops/core': 'packages/core/src/index.ts',
  '@mlops/frame': 'packages/frame/src/index.ts',
  '@mlops/serving': 'packages/serving/src/index.ts',
  '@mlops/runtime-onnx': 'plugins/runtime-onnx/src/index.ts',
};
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolveFilename.call(this, sources[request] ? path.join(root, sources[request]) : request, ...rest);
};
require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), { filename, jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } });
  module._compile(code, filename);
};

const { createConsoleLogger } = require('@mlops/core');
const { OnnxModelRuntime } = require('@mlops/runtime-onnx');
const { HttpModelServer } = require('../HttpModelServer.ts');
const { httpServerOptions } = require('../options.ts');

const [modelFile, signatureFile, port, workers] = process.argv.slice(2);
const server = new HttpModelServer(httpServerOptions.parse({ modelFile, signatureFile, port: Number(port), workers: Number(workers) }), {
  runtime: new OnnxModelRuntime({ intraOpThreads: 1, graphOptimizationLevel: 'all' }),
  projectRoot: root,
  stateDir: path.join(root, '.mlops'),
  logger: createConsoleLogger('info'),
});
const stop = () => server.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
server.start().catch((err) => {
  console.error(err);
  process.exit(1);
});
