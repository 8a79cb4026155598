// Entry of a clustered server in a child process (the workers test), from the TypeScript sources.
// argv: modelFile signatureFile port workers
const path = require('node:path');
const { root } = require('./registerTs');

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
server.listen().catch((err) => {
  console.error(err);
  process.exit(1);
});
