import type { Knex } from 'knex';
import type { SchemaMigration } from '@mlops/sql-metadata';
import { monitorProfiles0002 } from './0002_monitor_profiles';

/** The prediction log's one table (in the store's schema on Postgres). */
export const predictionLogTable = 'monitor_predictions';

/**
 * One row per group of consecutive inference calls of one model version (those a flush writes, at
 * most ~1 s apart: `served_at` is the first call's time, `served_until` the last's), holding every
 * served row of them.
 * The feed and output columns sit back to back in `data` as the typed arrays' bytes (strings as a
 * UTF-8 JSON array), described by `columns` (JSON: name, role, type, width, bytes); `request_ids`,
 * `request_rows` and `latency_ms` are JSON arrays, one entry per request in row order. Why not a row
 * per prediction with JSON inputs: formatting every number and one B-tree insert per row cost
 * ~20 µs per row on SQLite (measured), a third of a request's whole cost under load; a call's bytes
 * are copied at memcpy speed and a flush inserts a handful of rows, and drift windows want columns anyway
 * (`readPredictionLog` returns them typed). Times are `double precision` epoch ms (pg returns float8
 * as a number). Indexes serve retention and windows per model.
 */
export const predictionLog0001: SchemaMigration = {
  name: '0001_prediction_log',
  async up(knex: Knex, schema: string | undefined): Promise<void> {
    const s = schema ? knex.schema.withSchema(schema) : knex.schema;
    await s.createTable(predictionLogTable, (t) => {
      t.bigIncrements('id').primary();
      t.text('model').notNullable();
      t.integer('version').nullable();
      t.double('served_at').notNullable();
      t.double('served_until').notNullable();
      t.integer('call_count').notNullable();
      t.integer('row_count').notNullable();
      t.text('request_ids').nullable();
      t.text('request_rows').nullable();
      t.text('latency_ms').nullable();
      t.double('inference_ms').nullable();
      t.text('columns').notNullable();
      t.binary('data').notNullable();
      t.index(['served_at'], 'monitor_predictions_served_at_idx');
      t.index(['model', 'version', 'served_at'], 'monitor_predictions_model_idx');
    });
  },
  async down(knex: Knex, schema: string | undefined): Promise<void> {
    await (schema ? knex.schema.withSchema(schema) : knex.schema).dropTableIfExists(predictionLogTable);
  },
};

/** The monitor's migrations, oldest first. Append only: names are recorded in `mlops_monitor_migrations`. */
export const monitorMigrations: readonly SchemaMigration[] = [predictionLog0001, monitorProfiles0002];
