/**
 * Jest's node environment runs tests in a separate VM realm, so `Float32Array` inside a test is not
 * the `Float32Array` that onnxruntime-node's native binding creates its outputs with, and
 * onnxruntime-common's `instanceof` check rejects every output ("A float32 tensor's data must be type
 * of function Float32Array()"). Sharing the main realm's typed-array constructors fixes that.
 */
const { TestEnvironment } = require('jest-environment-node');

const shared = [
  'ArrayBuffer', 'Float32Array', 'Float64Array', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray',
  'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'BigInt64Array', 'BigUint64Array',
];

class OrtTestEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of shared) this.global[name] = globalThis[name];
  }
}

module.exports = OrtTestEnvironment;
