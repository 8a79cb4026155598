import { existsSync } from 'node:fs';
import type { SqlStoreDescription } from '@mlops/sql-metadata';
import { runTogether } from '@mlops/testkit';
import { builtSqlMetadata, builtTracker } from './trackerSubjects';

/** What each child writes into one shared run; child `n` logs steps `n*batches*perBatch …`. */
export interface TrackerChildJob {
  runId: string;
  batches: number;
  perBatch: number;
  /** Nested runs each child starts under the shared run. */
  childRuns: number;
}

// Plain JS for `node -e`: opens the store and tracker from the built packages, prints `ready`, waits
// for `go` on stdin so every child writes at the same moment, then logs its share.
const childScript = String.raw`
const job = JSON.parse(process.env.MLOPS_TRACKER_JOB);
const { openSqlMetadataStore, sqlHandleOf } = require(job.sqlMetadata);
const { SqlTracker } = require(job.trackerModule);
// A promise that never settles with nothing else pending ends node with code 0: say so and where,
// instead of exiting as if the child had finished (seen once in CI under load, not reproduced).
let phase = 'opening';
process.on('beforeExit', () => {
  if (phase === 'done') return;
  process.stderr.write('the event loop emptied while ' + phase + ': a promise never settled\n');
  process.exit(3);
});
async function main() {
  const store = openSqlMetadataStore(job.description);
  await store.start();
  const tracker = new SqlTracker(sqlHandleOf(store.database, 'tracker'));
  await tracker.start();
  process.stdout.write('ready\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  process.stdin.destroy();
  phase = 'writing';
  const first = job.child * job.batches * job.perBatch;
  const children = Array.from({ length: job.childRuns }, (_, i) =>
    tracker.startRun({ experiment: 'concurrent', parentId: job.runId, name: 'c' + job.child + '-' + i, params: { child: job.child } }));
  for (let b = 0; b < job.batches; b++) {
    const points = [];
    for (let i = 0; i < job.perBatch; i++) {
      const step = first + b * job.perBatch + i;
      points.push({ key: 'loss', value: step / 1000, step, timestamp: 1700000000000 + step });
      points.push({ key: 'child' + job.child, value: step, step });
    }
    await tracker.logMetrics(job.runId, points);
    await tracker.logParams(job.runId, { shared: 'same value', ['from' + job.child]: 1 });
    await tracker.setTags(job.runId, { ['child' + job.child]: String(b) });
  }
  phase = 'waiting for nested runs';
  await Promise.all(children);
  process.stdout.write('done\n');
  phase = 'closing';
  await store.close();
  phase = 'done';
}
main().catch((error) => {
  process.stderr.write(String((error && error.stack) || error) + '\n');
  process.exit(1);
});
`;

/** Starts `processes` children on the same database and run, releases them together, waits for all. */
export async function runTrackerChildren(description: SqlStoreDescription, processes: number, job: TrackerChildJob): Promise<void> {
  for (const built of [builtTracker, builtSqlMetadata]) {
    if (!existsSync(built)) throw new Error(`${built} does not exist; build it first (npx tsc -b plugins/tracker)`);
  }
  const lines = await runTogether(
    Array.from({ length: processes }, (_, child) => ({ script: childScript, env: { MLOPS_TRACKER_JOB: JSON.stringify({ ...job, child, description, trackerModule: builtTracker, sqlMetadata: builtSqlMetadata }) }, label: `tracker child ${child}` })),
  );
  const unfinished = lines.findIndex((line) => line !== 'done');
  if (unfinished >= 0) throw new Error(`tracker child ${unfinished} exited without finishing: ${lines[unfinished]}`);
}
