const preset = require('../../jest.preset.js')(__dirname);

module.exports = {
  ...preset,
  // hyparquet ships only ES modules; let @swc/jest compile it to CommonJS for the test runtime.
  transformIgnorePatterns: ['/node_modules/(?!hyparquet/)'],
};
