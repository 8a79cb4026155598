import type { Knex } from 'knex';
import type { SchemaMigration } from '@mlops/sql-metadata';

/**
 * Minimum, maximum and point count of every (run, metric), kept by `logMetrics` in the same
 * transaction as the points, so that sorting runs by a curve's min or max (`min(metrics.loss)`) is a
 * join on a primary key like sorting by the latest value, never a scan of the curves. NULL (NaN)
 * points count but take no part in min/max. Existing points are summarised when it runs.
 */
export const tracker0002: SchemaMigration = {
  name: '0002_metric_summaries',
  async up(knex: Knex, schema: string | undefined): Promise<void> {
    const s = () => (schema ? knex.schema.withSchema(schema) : knex.schema);
    const q = (table: string) => (schema ? `${schema}.${table}` : table);
    await s().createTable('tracker_metric_summaries', (t) => {
      t.text('run_id').notNullable().references('id').inTable(q('tracker_runs'));
      t.text('key').notNullable();
      t.double('min_value').nullable();
      t.double('max_value').nullable();
      t.integer('points').notNullable();
      t.primary(['run_id', 'key']);
    });
    await knex.raw('insert into ?? (run_id, key, min_value, max_value, points) select run_id, key, min(value), max(value), count(*) from ?? group by run_id, key', [q('tracker_metric_summaries'), q('tracker_metrics')]);
  },
  async down(knex: Knex, schema: string | undefined): Promise<void> {
    await (schema ? knex.schema.withSchema(schema) : knex.schema).dropTableIfExists('tracker_metric_summaries');
  },
};
