const base = require('../jest.preset.js')(__dirname);
module.exports = { ...base, displayName: 'tools', testMatch: ['<rootDir>/**/*.test.ts'], testPathIgnorePatterns: ['/node_modules/', '/data/'] };
