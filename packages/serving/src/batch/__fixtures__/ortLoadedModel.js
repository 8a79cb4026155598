// A LoadedModel over onnxruntime-node for tests (plain JS: the kill tests' child process requires it
// too). The real runtime is the runtime-onnx plugin; batch inference only sees the core contract.
const ort = require('onnxruntime-node');

const dimsOf = (shape) => shape.map((d) => (typeof d === 'number' && d >= 0 ? d : null));

async function loadOrtModel(bytes) {
  const session = await ort.InferenceSession.create(bytes);
  const info = (m) => ({ name: m.name, type: m.type, dims: dimsOf(m.shape) });
  return {
    inputs: session.inputMetadata.map(info),
    outputs: session.outputMetadata.map(info),
    async run(feeds) {
      const tensors = {};
      for (const [name, t] of Object.entries(feeds)) {
        const type = t.data instanceof Float32Array ? 'float32' : t.data instanceof Float64Array ? 'float64' : t.data instanceof BigInt64Array ? 'int64' : t.data instanceof Int32Array ? 'int32' : Array.isArray(t.data) ? 'string' : 'bool';
        tensors[name] = new ort.Tensor(type, t.data, t.dims);
      }
      const out = await session.run(tensors);
      const result = {};
      for (const [name, t] of Object.entries(out)) result[name] = { data: t.data, dims: t.dims };
      return result;
    },
    release: () => session.release(),
  };
}

module.exports = { loadOrtModel };
