import type { Knex } from 'knex';

/**
 * First schema: runs, step runs, artifacts, lineage and the per-name version counter.
 *
 * Timestamps and sizes are `double precision`: pg returns float8 as a JS number, whereas bigint comes
 * back as a string. JSON fields are TEXT so SQLite and Postgres store them the same way.
 */
export const init0001 = {
  name: '0001_init',
  async up(knex: Knex, schema: string | undefined): Promise<void> {
    const s = () => (schema ? knex.schema.withSchema(schema) : knex.schema);

    await s().createTable('runs', (t) => {
      t.text('id').notNullable().primary();
      t.text('pipeline').notNullable();
      t.text('status').notNullable();
      t.text('params').notNullable();
      t.double('started_at').notNullable();
      t.double('ended_at').nullable();
      t.text('error').nullable();
      t.text('host').notNullable();
      t.integer('pid').notNullable();
      t.text('config_digest').nullable();
      t.text('tags').notNullable();
      t.index(['started_at'], 'runs_started_at_idx');
      t.index(['pipeline', 'started_at'], 'runs_pipeline_started_at_idx');
      t.index(['status', 'started_at'], 'runs_status_started_at_idx');
    });

    await s().createTable('step_runs', (t) => {
      t.text('id').notNullable().primary();
      t.text('run_id').notNullable().references('id').inTable(qualify(schema, 'runs'));
      t.text('step').notNullable();
      t.text('status').notNullable();
      t.text('cache_key').notNullable();
      t.text('code_digest').notNullable();
      t.text('params').notNullable();
      t.double('started_at').notNullable();
      t.double('ended_at').nullable();
      t.text('logs').notNullable();
      t.text('error').nullable();
      t.text('cached_from').nullable();
      t.index(['run_id', 'started_at'], 'step_runs_run_id_idx');
      // Cache lookup: newest succeeded step run for a key.
      t.index(['cache_key', 'status', 'started_at'], 'step_runs_cache_key_idx');
    });

    await s().createTable('artifact_names', (t) => {
      t.text('name').notNullable().primary();
      t.integer('last_version').notNullable();
    });

    await s().createTable('artifacts', (t) => {
      t.text('id').notNullable().primary();
      t.text('name').notNullable();
      t.integer('version').notNullable();
      t.text('digest').notNullable();
      t.double('size').notNullable();
      t.text('serializer').notNullable();
      t.text('run_id').notNullable().references('id').inTable(qualify(schema, 'runs'));
      t.text('step_run_id').notNullable().references('id').inTable(qualify(schema, 'step_runs'));
      t.text('output').notNullable();
      t.double('created_at').notNullable();
      t.text('metadata').notNullable();
      // Also the last line of defence against a duplicate version.
      t.unique(['name', 'version'], { indexName: 'artifacts_name_version_uq' });
      t.index(['run_id', 'created_at'], 'artifacts_run_id_idx');
      t.index(['step_run_id', 'output'], 'artifacts_step_run_id_idx');
      t.index(['created_at'], 'artifacts_created_at_idx');
    });

    await s().createTable('step_inputs', (t) => {
      t.text('step_run_id').notNullable().references('id').inTable(qualify(schema, 'step_runs'));
      t.text('name').notNullable();
      t.text('artifact_id').notNullable().references('id').inTable(qualify(schema, 'artifacts'));
      t.primary(['step_run_id', 'name']);
      // Reverse lineage: which step runs consumed an artifact.
      t.index(['artifact_id'], 'step_inputs_artifact_id_idx');
    });
  },
  async down(knex: Knex, schema: string | undefined): Promise<void> {
    const s = () => (schema ? knex.schema.withSchema(schema) : knex.schema);
    for (const table of ['step_inputs', 'artifacts', 'artifact_names', 'step_runs', 'runs']) await s().dropTableIfExists(table);
  },
};

function qualify(schema: string | undefined, table: string): string {
  return schema ? `${schema}.${table}` : table;
}
