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

/** A tracker on a new SQLite file in a temp folder, removed afterwards. */
export async function sqliteTrackerSubject(): Promise<TrackerSubject> {
  const dir = await mkdtemp(join(tmpdir(), 'mlops-tracker-'));
  return open({ kind: 'sqlite', path: join(dir, 'metadata.sqlite') }, () => rm(dir, { recursive: true, force: true }));
}

/** A tracker in a new `mlops_test_<random>` Postgres schema, dropped afterwards. */
export async function postgresTrackerSubject(): Promise<TrackerSubject> {
  const schema = uniqueTestName();
  return open({ kind: 'pg', connection: postgresTestUrl(), schema }, () => dropPostgresSchema(schema));
}
