/** Root jest config: runs every package's own jest project. */
module.exports = {
  projects: ['<rootDir>/packages/*/jest.config.js', '<rootDir>/plugins/*/jest.config.js', '<rootDir>/tools/jest.config.js'],
};
