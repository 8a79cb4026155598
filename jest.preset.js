/** Shared jest settings for every package: @swc/jest transpiles, `tsc -p tsconfig.spec.json` type-checks. */
const path = require('node:path');
// The AWS SDK warns on every S3 client that its releases after January 2027 need Node 22; the lockfile
// pins one that runs on Node 20, so in tests (and the processes they spawn) the warning is noise.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
module.exports = (dir) => ({
  displayName: path.basename(dir),
  rootDir: dir,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }] },
  // Tests import sibling packages from source so they never run against a stale dist/.
  moduleNameMapper: {
    '^@mlops/(core|errors|frame|testkit|sql-metadata|stats|schedule|orchestration|onnx|transforms|eval|serving|tfjs-backend|drift|report)$': path.join(__dirname, 'packages/$1/src/index.ts'),
  },
  testTimeout: 60000,
});
