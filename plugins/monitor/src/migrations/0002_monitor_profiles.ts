import type { Knex } from 'knex';
import type { SchemaMigration } from '@mlops/sql-metadata';

export const windowProfilesTable = 'monitor_window_profiles';
export const alertsTable = 'monitor_alerts';
export const retrainRequestsTable = 'monitor_retrain_requests';

/**
 * Interval profiles of the prediction log (one `DatasetProfile` JSON per model version and
 * closed interval, so a window merges stored profiles instead of decoding its rows again), the
 * alert history and the retraining requests.
 */
export const monitorProfiles0002: SchemaMigration = {
  name: '0002_monitor_profiles_alerts',
  async up(knex: Knex, schema: string | undefined): Promise<void> {
    const s = () => (schema ? knex.schema.withSchema(schema) : knex.schema);
    await s().createTable(windowProfilesTable, (t) => {
      t.bigIncrements('id').primary();
      t.text('model').notNullable();
      // -1 for calls logged without a version (never null: it is part of the unique key).
      t.integer('version').notNullable();
      t.double('interval_start').notNullable();
      t.double('interval_ms').notNullable();
      t.integer('row_count').notNullable();
      t.text('profile').notNullable();
      t.double('created_at').notNullable();
      t.unique(['model', 'version', 'interval_ms', 'interval_start'], { indexName: 'monitor_window_profiles_key' });
    });
    await s().createTable(alertsTable, (t) => {
      t.bigIncrements('id').primary();
      t.text('rule').notNullable();
      t.text('kind').notNullable();
      t.text('model').notNullable();
      t.integer('version').nullable();
      t.text('column_name').nullable();
      // What the cooldown compares: rule, model, version and column.
      t.text('dedupe_key').notNullable();
      t.text('severity').notNullable();
      t.text('title').notNullable();
      t.text('detail').notNullable();
      t.double('value').nullable();
      t.double('threshold').nullable();
      t.double('window_since').notNullable();
      t.double('window_until').notNullable();
      t.double('fired_at').notNullable();
      t.text('alert_sink').notNullable();
      t.integer('retrain_request_id').nullable();
      t.index(['dedupe_key', 'fired_at'], 'monitor_alerts_dedupe_idx');
    });
    await s().createTable(retrainRequestsTable, (t) => {
      t.bigIncrements('id').primary();
      t.text('model').notNullable();
      t.integer('version').nullable();
      t.text('reason').notNullable();
      t.integer('alert_id').nullable();
      t.double('requested_at').notNullable();
      t.text('status').notNullable();
      t.text('job').notNullable();
    });
  },
  async down(knex: Knex, schema: string | undefined): Promise<void> {
    const s = () => (schema ? knex.schema.withSchema(schema) : knex.schema);
    for (const table of [retrainRequestsTable, alertsTable, windowProfilesTable]) await s().dropTableIfExists(table);
  },
};
