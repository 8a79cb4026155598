/** Root jest config: runs every package's own jest project. */
module.exports = {
  projects: ['<rootDir>/packages/*/jest.config.js', '<rootDir>/plugins/*/jest.config.js', '<rootDir>/tools/jest.config.js'],
  // Global options such as testTimeout are ignored inside `projects` entries, so they live here:
  // end-to-end tests spawn the CLI and talk to Postgres, and a loaded 2-core CI box is slow.
  testTimeout: 60000,
  // Starts the slowest suites first even on a fresh machine without jest's cache of suite times, so
  // that no multi-minute suite starts last and runs alone on one worker (tools/jest/slowFirstSequencer.js).
  testSequencer: '<rootDir>/tools/jest/slowFirstSequencer.js',
  // A suite whose beforeAll fails half-way can leave a socket open; the run must still end with its
  // red result instead of hanging until CI's time limit (it did once). Suites close what they open.
  forceExit: true,
  // `npm test` passes --maxWorkers=2: on 2 cores jest's default (cores - 1) runs one suite at a time,
  // while most suites wait on Postgres, Redis, fsync or child processes rather than on the CPU.
};
