import type { Knex } from 'knex';
import type { SchemaMigration } from '@mlops/sql-metadata';

/** The prediction log's one table (in the store's schema on Postgres). */
export const predictionLogTable = 'monitor_predictions';

/**
 * One row per served prediction. Times are `double precision` epoch ms (pg returns float8 as a
 * number). Inputs and outputs are JSON text objects keyed by feed/output name: the features differ
 * per model version, so fixed columns would need a migration per model; text JSON reads the same on
 * SQLite and Postgres (`inputs::jsonb` there). Indexes serve retention (`served_at`) and the join of
 * delayed feedback by request id.
 */
export const predictionLog0001: SchemaMigration = {
  name: '0001_prediction_log',
  async up(knex: Knex, schema: string | undefined): Promise<void> {
    const s = schema ? knex.schema.withSchema(schema) : knex.schema;
    await s.createTable(predictionLogTable, (t) => {
      t.bigIncrements('id').primary();
      t.text('request_id').nullable();
      t.integer('row_in_request').notNullable();
      t.text('model').notNullable();
      t.integer('version').nullable();
      t.double('served_at').notNullable();
      t.double('latency_ms').nullable();
      t.text('inputs').notNullable();
      t.text('outputs').notNullable();
      t.index(['served_at'], 'monitor_predictions_served_at_idx');
      t.index(['request_id'], 'monitor_predictions_request_id_idx');
      t.index(['model', 'version', 'served_at'], 'monitor_predictions_model_idx');
    });
  },
  async down(knex: Knex, schema: string | undefined): Promise<void> {
    await (schema ? knex.schema.withSchema(schema) : knex.schema).dropTableIfExists(predictionLogTable);
  },
};

/** The monitor's migrations, oldest first. Append only: names are recorded in `mlops_monitor_migrations`. */
export const monitorMigrations: readonly SchemaMigration[] = [predictionLog0001];
