import type { Knex } from 'knex';
import type { SchemaMigration } from '@mlops/sql-metadata';
import { registry0002 } from './0002_version_identity';
import { registry0003 } from './0003_model_features';

/**
 * The registry's tables, beside the metadata store's. As there, timestamps are `double precision`
 * (pg returns them as numbers) and JSON fields are TEXT so SQLite and Postgres store them alike.
 */
export const registry0001: SchemaMigration = {
  name: '0001_registry',
  async up(knex: Knex, schema: string | undefined): Promise<void> {
    const s = () => (schema ? knex.schema.withSchema(schema) : knex.schema);

    // One row per model: the version counter, and the row every write locks first, so all writes
    // to one model (versions, aliases, events) are serialised.
    await s().createTable('registry_models', (t) => {
      t.text('name').notNullable().primary();
      t.integer('latest_version').notNullable();
      t.double('created_at').notNullable();
      t.double('updated_at').notNullable();
    });

    await s().createTable('registry_versions', (t) => {
      t.text('name').notNullable();
      t.integer('version').notNullable();
      t.text('run_id').nullable();
      t.text('artifacts').notNullable();
      t.text('signature').notNullable();
      t.text('datasets').notNullable();
      t.text('tags').notNullable();
      t.text('description').nullable();
      t.text('training').nullable();
      t.double('created_at').notNullable();
      t.text('created_by').notNullable();
      t.primary(['name', 'version']);
    });

    await s().createTable('registry_evaluations', (t) => {
      t.increments('id').primary();
      t.text('name').notNullable();
      t.integer('version').notNullable();
      t.text('dataset_digest').notNullable();
      t.text('dataset_name').nullable();
      t.text('metrics').notNullable();
      t.text('slices').nullable();
      t.double('evaluated_at').notNullable();
      t.index(['name', 'version'], 'registry_evaluations_version_idx');
    });

    await s().createTable('registry_aliases', (t) => {
      t.text('name').notNullable();
      t.text('alias').notNullable();
      t.integer('version').notNullable();
      t.double('updated_at').notNullable();
      t.primary(['name', 'alias']);
    });

    // Versions an alias pointed at before each forward move; rollback pops the top entry.
    await s().createTable('registry_alias_stack', (t) => {
      t.increments('id').primary();
      t.text('name').notNullable();
      t.text('alias').notNullable();
      t.integer('version').notNullable();
      t.index(['name', 'alias', 'id'], 'registry_alias_stack_idx');
    });

    // Append-only: the registry has no code path that updates or deletes a row here.
    await s().createTable('registry_events', (t) => {
      t.increments('id').primary();
      t.text('model').notNullable();
      t.integer('version').nullable();
      t.text('type').notNullable();
      t.text('alias').nullable();
      t.integer('from_version').nullable();
      t.text('actor').notNullable();
      t.text('reason').nullable();
      t.double('at').notNullable();
      t.text('details').notNullable();
      t.index(['model', 'id'], 'registry_events_model_idx');
    });
  },
  async down(knex: Knex, schema: string | undefined): Promise<void> {
    const s = () => (schema ? knex.schema.withSchema(schema) : knex.schema);
    for (const table of ['registry_events', 'registry_alias_stack', 'registry_aliases', 'registry_evaluations', 'registry_versions', 'registry_models']) {
      await s().dropTableIfExists(table);
    }
  },
};

/** Every registry migration, oldest first. Append only. */
export const registryMigrations: readonly SchemaMigration[] = [registry0001, registry0002, registry0003];

/** The registry records its migrations apart from the metadata store's. */
export const registryMigrationsTable = 'mlops_registry_migrations';
