// Tests run models in onnxruntime-node, whose outputs need the main realm's typed arrays.
// hyparquet ships ESM only: let @swc/jest transpile it so the Parquet reader runs in-process.
module.exports = { ...require('../../jest.preset.js')(__dirname), testEnvironment: require.resolve('../../packages/onnx/ort-jest-environment.js'), transformIgnorePatterns: ['/node_modules/(?!hyparquet/|hyparquet-writer/)'] };
