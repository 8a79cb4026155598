import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlMetadataStore, runMigrations, sqlHandleOf } from '@mlops/sql-metadata';
import { SqlTracker } from '../SqlTracker';
import { tracker0001 } from './0001_tracker';
import { trackerMigrationsTable } from './trackerMigrations';

// A database made before 0002: its points are summarised when the tracker next starts.
it('0002 summarises the points logged before it', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mlops-tracker-0002-'));
  const store = openSqlMetadataStore({ kind: 'sqlite', path: join(dir, 'metadata.sqlite') });
  try {
    await store.start();
    const knex = store.database.getClient() as import('knex').Knex;
    await runMigrations(knex, undefined, { migrations: [tracker0001], tableName: trackerMigrationsTable });
    await knex('tracker_runs').insert({ id: 'r1', experiment: 'e', status: 'succeeded', started_at: 1 });
    await knex('tracker_metrics').insert([0.5, 0.2, null, 0.7].map((value, step) => ({ run_id: 'r1', key: 'loss', value, step, timestamp: step })));
    const tracker = new SqlTracker(sqlHandleOf(store.database, 'test'));
    await tracker.start();
    expect(await tracker.metricSummaries(['r1'], ['loss'])).toEqual({ r1: { loss: { min: 0.2, max: 0.7, points: 4 } } });
    await tracker.logMetrics('r1', [{ key: 'loss', value: 0.1, step: 4 }]);
    expect((await tracker.metricSummaries(['r1'], ['loss'])).r1!.loss).toEqual({ min: 0.1, max: 0.7, points: 5 });
    await tracker.close();
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
});
