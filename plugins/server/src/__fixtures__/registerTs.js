// Lets a child process (the workers and CLI tests) require TypeScript sources: @swc/core transpiles
// `.ts` on require, and @mlops/* packages of this repo resolve to their src like jest's
// moduleNameMapper, so the tests never run a stale dist/.
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '../../../..');
const sources = {
  '@mlops/core': 'packages/core/src/index.ts',
  '@mlops/frame': 'packages/frame/src/index.ts',
  '@mlops/serving': 'packages/serving/src/index.ts',
  '@mlops/server': 'plugins/server/src/index.ts',
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

module.exports = { root };
