// @ts-check
'use strict';
// Jest's test sequencer with a memory that survives a clean clone. Jest starts the suites that took
// longest last time first, so that on 2 workers no long suite starts near the end and runs alone;
// it reads those times from its cache, which a fresh CI machine does not have, and then orders by
// file size, which put the 5-minute registry test among the last to start. Here a suite without a
// cached time takes its seconds from `knownSeconds` (a clean-clone CI run), and a suite known to
// neither runs after every timed one, biggest file first, as jest would order it.
const path = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;

const root = path.resolve(__dirname, '../..');

/**
 * Seconds of the slowest suites in a clean-clone `bash .ci/run` on 2 cores (session 12, 2026-12-04, jest 825 s) (jest's `--json` output:
 * `perfStats.runtime / 1000` per `testResults[]`). Only the order matters: refresh it when a suite
 * gets much slower or faster, and drop a suite when it is gone (slowFirstSequencer.test.ts checks
 * that each one exists).
 */
const knownSeconds = {
  'tools/repo/registry.test.ts': 158,
  'packages/ui/src/scale.browser.test.ts': 66,
  'tools/repo/example.test.ts': 60,
  'plugins/tracker/src/SqlTracker.postgres.test.ts': 57,
  'plugins/orchestrator-bullmq/src/workers.distributed.test.ts': 53,
  'tools/repo/exampleLoop.test.ts': 49,
  'packages/cli/src/tune.test.ts': 44,
  'plugins/tracker/src/SqlTracker.sqlite.test.ts': 36,
  'packages/ui/src/dashboard.browser.test.ts': 36,
  'packages/cli/src/cli.test.ts': 33,
  'plugins/orchestrator-bullmq/src/batches.distributed.test.ts': 28,
  'packages/cli/src/strict.test.ts': 28,
};

class SlowFirstSequencer extends Sequencer {
  /** Jest's cached milliseconds for this suite, or else the known seconds of a clean-clone run. */
  time(test) {
    const cached = super.time(test);
    if (cached != null) return cached;
    const seconds = knownSeconds[path.relative(root, test.path).split(path.sep).join('/')];
    return seconds === undefined ? undefined : seconds * 1000;
  }

  /** Failed last time first (as jest does), then longest first; untimed suites last, biggest first. */
  sort(tests) {
    const size = (test) => test.context.hasteFS.getSize(test.path) ?? 0;
    for (const test of tests) test.duration = this.time(test);
    return tests.sort((a, b) => {
      const failed = Number(this.hasFailed(b)) - Number(this.hasFailed(a));
      if (failed !== 0) return failed;
      return (b.duration ?? -1) - (a.duration ?? -1) || size(b) - size(a);
    });
  }
}

module.exports = SlowFirstSequencer;
module.exports.knownSeconds = knownSeconds;
