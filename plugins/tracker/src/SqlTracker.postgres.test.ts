import { expect, it } from '@jest/globals';
import { describeWithService, postgresTestUrl, tcpTargetOfUrl } from '@mlops/testkit';
import { trackerConformance } from './__fixtures__/trackerConformance';
import { postgresTrackerSubject } from './__fixtures__/trackerSubjects';
import { trackerTables } from './migrations/0001_tracker';
import { trackerMigrationsTable } from './migrations/trackerMigrations';

describeWithService('postgres', tcpTargetOfUrl(postgresTestUrl(), 5432), () => {
  trackerConformance('SqlTracker on Postgres', postgresTrackerSubject, { writers: 4 });

  it('keeps its tables and its migrations table inside the store’s schema', async () => {
    const subject = await postgresTrackerSubject();
    try {
      const schema = (subject.description as { schema: string }).schema;
      const tables = await subject.store.database.getClient()('information_schema.tables').where('table_schema', schema).pluck('table_name');
      expect(tables).toEqual(expect.arrayContaining([...trackerTables, trackerMigrationsTable, 'runs']));
      expect(await subject.store.database.getClient()(`${schema}.${trackerMigrationsTable}`).pluck('name')).toEqual(['0001_tracker', '0002_metric_summaries']);
    } finally {
      await subject.cleanup();
    }
  });
});
