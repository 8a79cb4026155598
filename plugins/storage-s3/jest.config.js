const preset = require('../../jest.preset.js')(__dirname);

module.exports = {
  ...preset,
  // hyparquet (readParquet of s3:// objects) ships only ES modules; let @swc/jest compile it to CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!hyparquet/)'],
};
