// Tests run models in onnxruntime-node, whose outputs need the main realm's typed arrays.
module.exports = { ...require('../../jest.preset.js')(__dirname), testEnvironment: require.resolve('../../packages/onnx/ort-jest-environment.js') };
