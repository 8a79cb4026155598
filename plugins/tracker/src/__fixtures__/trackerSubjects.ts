import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openSqlMetadataStore, sqlHandleOf, type SqlMetadataStore, type SqlStoreDescription } from '@mlops/sql-metadata';
import { dropPostgresSchema, postgresTestUrl, uniqueTestName } from '@mlops/testkit';
import { SqlTracker } from '../SqlTracker';

/** A migrated metadata store with a started tracker on top, and how another process opens the same. */
export interface TrackerSubject {
  tracker: SqlTracker;
  store: SqlMetadataStore;
  description: SqlStoreDescription;
  cleanup(): Promise<void>;
}

/** A factory run once per test file (in `beforeAll`). */
export type TrackerSubjectFactory = () => Promise<TrackerSubject>;

/** Built entry points child processes load: they run plain node, not jest's TypeScript transform. */
export const builtTracker = resolve(__dirname, '..', '..', 'dist', 'index.js');
export const builtSqlMetadata = resolve(__dirname, '..', '..', '..', '..', 'packages', 'sql-metadata', 'dist', 'index.js');

async function open(description: SqlStoreDescription, cleanup: () => Promise<void>): Promise<TrackerSubject> {
  const store = openSqlMetadataStore(description);
  await store.start();
  const tracker = new SqlTracker(sqlHandleOf(store.database, 'tracker'));
  await tracker.start();
  return {
    tracker,
    store,
    description,
    cleanup: async () => {
      await tracker.close();
      await store.close();
      await cleanup();
    },
  };
}

/*
 * The conformance suite seeds 10k runs through the API, 20k commits, and no test of it is about
 * durability after a crash. So its databases do not wait for the disk on each commit (fdatasync is
 * ~3 ms here, a minute of the seed): the SQLite file lives in memory-backed /dev/shm where there is
 * one, and Postgres sessions commit with `synchronous_commit` off. Statements, transactions, locks
 * and what other sessions see are the same; only a crash of the machine could lose the last commits.
 */
const memoryBackedDir = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();

/** The test database's URL with `synchronous_commit=off` for every session it opens. */
function asyncCommitUrl(url: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `${u.searchParams.get('options') ?? ''} -c synchronous_commit=off`.trim());
  return u.toString();
}

/** A tracker on a new SQLite file in a temp folder (memory-backed where there is one), removed afterwards. */
export async function sqliteTrackerSubject(): Promise<TrackerSubject> {
  const dir = await mkdtemp(join(memoryBackedDir, 'mlops-tracker-'));
  return open({ kind: 'sqlite', path: join(dir, 'metadata.sqlite') }, () => rm(dir, { recursive: true, force: true }));
}

/** A tracker in a new `mlops_test_<random>` Postgres schema, dropped afterwards; commits do not wait for the disk. */
export async function postgresTrackerSubject(): Promise<TrackerSubject> {
  const schema = uniqueTestName();
  return open({ kind: 'pg', connection: asyncCommitUrl(postgresTestUrl()), schema }, () => dropPostgresSchema(schema));
}
