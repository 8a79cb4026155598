import type { Knex } from 'knex';
import type { SchemaMigration } from '@mlops/sql-metadata';

/**
 * The tracker's tables, prefixed `tracker_` because they live beside the metadata store's own `runs`.
 *
 * Times are `double precision` epoch ms (pg returns float8 as a number; bigint would come back as a
 * string). A metric value of NULL means NaN: SQLite cannot store NaN, so both dialects use NULL.
 * Search reads `tracker_latest_metrics` and `tracker_param_leaves`, never the curves.
 */
export const tracker0001: SchemaMigration = {
  name: '0001_tracker',
  async up(knex: Knex, schema: string | undefined): Promise<void> {
    const s = () => (schema ? knex.schema.withSchema(schema) : knex.schema);
    const runs = schema ? `${schema}.tracker_runs` : 'tracker_runs';

    await s().createTable('tracker_runs', (t) => {
      t.text('id').notNullable().primary();
      t.text('experiment').notNullable();
      t.text('name').nullable();
      t.text('parent_id').nullable().references('id').inTable(runs);
      t.text('status').notNullable();
      t.double('started_at').notNullable();
      t.double('ended_at').nullable();
      t.text('pipeline_run_id').nullable();
      // Default listing is newest first, optionally within an experiment or under a parent.
      t.index(['started_at'], 'tracker_runs_started_at_idx');
      t.index(['experiment', 'started_at'], 'tracker_runs_experiment_idx');
      t.index(['parent_id', 'started_at'], 'tracker_runs_parent_idx');
      t.index(['status', 'started_at'], 'tracker_runs_status_idx');
    });

    // Params as logged (the record `getRun` returns); immutable once written.
    await s().createTable('tracker_params', (t) => {
      t.text('run_id').notNullable().references('id').inTable(runs);
      t.text('key').notNullable();
      t.text('value').notNullable();
      t.primary(['run_id', 'key']);
    });

    // Scalar leaves of the params, by dotted path (`train.maxDepth`), typed so search compares numbers
    // numerically and strings as strings; booleans, null and arrays are matched on `json`.
    await s().createTable('tracker_param_leaves', (t) => {
      t.text('run_id').notNullable().references('id').inTable(runs);
      t.text('path').notNullable();
      t.double('num').nullable();
      t.text('str').nullable();
      t.text('json').notNullable();
      t.primary(['run_id', 'path']);
      t.index(['path', 'num'], 'tracker_param_leaves_num_idx');
      t.index(['path', 'str'], 'tracker_param_leaves_str_idx');
    });

    await s().createTable('tracker_metrics', (t) => {
      t.text('run_id').notNullable().references('id').inTable(runs);
      t.text('key').notNullable();
      t.double('value').nullable();
      t.double('step').notNullable();
      t.double('timestamp').notNullable();
      // metricHistory: one run's curve in step order.
      t.index(['run_id', 'key', 'step', 'timestamp'], 'tracker_metrics_curve_idx');
    });

    await s().createTable('tracker_latest_metrics', (t) => {
      t.text('run_id').notNullable().references('id').inTable(runs);
      t.text('key').notNullable();
      t.double('value').nullable();
      t.double('step').notNullable();
      t.double('timestamp').notNullable();
      t.primary(['run_id', 'key']);
      t.index(['key', 'value'], 'tracker_latest_metrics_key_value_idx');
    });

    await s().createTable('tracker_tags', (t) => {
      t.text('run_id').notNullable().references('id').inTable(runs);
      t.text('key').notNullable();
      t.text('value').notNullable();
      t.primary(['run_id', 'key']);
      t.index(['key', 'value'], 'tracker_tags_key_value_idx');
    });

    await s().createTable('tracker_datasets', (t) => {
      t.text('run_id').notNullable().references('id').inTable(runs);
      t.text('role').notNullable();
      t.text('name').notNullable();
      t.text('digest').notNullable();
      t.double('rows').nullable();
      t.text('artifact_id').nullable();
      t.primary(['run_id', 'role', 'name', 'digest']);
    });

    await s().createTable('tracker_artifacts', (t) => {
      t.text('run_id').notNullable().references('id').inTable(runs);
      t.text('name').notNullable();
      t.text('digest').notNullable();
      t.text('artifact_id').nullable();
      t.primary(['run_id', 'name', 'digest']);
    });

    // Kept out of tracker_runs so that scanning runs stays narrow (the package map is kilobytes).
    await s().createTable('tracker_environments', (t) => {
      t.text('run_id').notNullable().primary().references('id').inTable(runs);
      t.text('environment').notNullable();
    });
  },
  async down(knex: Knex, schema: string | undefined): Promise<void> {
    const s = () => (schema ? knex.schema.withSchema(schema) : knex.schema);
    for (const table of trackerTables0001.reverse()) await s().dropTableIfExists(table);
  },
};

const trackerTables0001 = ['tracker_runs', 'tracker_params', 'tracker_param_leaves', 'tracker_metrics', 'tracker_latest_metrics', 'tracker_tags', 'tracker_datasets', 'tracker_artifacts', 'tracker_environments'];

/** Every table of the tracker (of every migration), parents first. */
export const trackerTables = [
  'tracker_runs',
  'tracker_params',
  'tracker_param_leaves',
  'tracker_metrics',
  'tracker_latest_metrics',
  'tracker_tags',
  'tracker_datasets',
  'tracker_artifacts',
  'tracker_environments',
  'tracker_metric_summaries',
] as const;
