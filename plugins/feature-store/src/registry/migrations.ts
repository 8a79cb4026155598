import type { Knex } from 'knex';
import type { SchemaMigration } from '@mlops/sql-metadata';

/** Name of the table recording which feature store migrations ran. */
export const featureMigrationsTable = 'mlops_features_migrations';

/** Tables of the feature store, beside the metadata store's. Doubles for times: pg returns float8 as a number. */
const init0001: SchemaMigration = {
  name: '0001_feature_store_init',
  async up(knex: Knex, schema: string | undefined) {
    const s = () => (schema ? knex.schema.withSchema(schema) : knex.schema);
    await s().createTable('mlops_fs_registry', (t) => {
      t.integer('version').notNullable().primary();
      t.text('digest').notNullable();
      t.text('snapshot').notNullable();
      t.double('created_at').notNullable();
      t.boolean('forced').notNullable();
    });
    // Per view: the watermark (end of the last completed window) and an unfinished window to resume.
    await s().createTable('mlops_fs_materialization', (t) => {
      t.text('view').notNullable().primary();
      t.double('watermark').nullable();
      t.double('newest_event_ts').nullable();
      t.double('pending_start').nullable();
      t.double('pending_end').nullable();
      t.text('pending_after').nullable();
      t.double('updated_at').notNullable();
    });
    // What each staged source copy was made from, so an unchanged file is not staged again.
    await s().createTable('mlops_fs_staging', (t) => {
      t.text('view').notNullable().primary();
      t.text('signature').notNullable();
      t.double('staged_at').notNullable();
    });
  },
  async down(knex: Knex, schema: string | undefined) {
    const s = () => (schema ? knex.schema.withSchema(schema) : knex.schema);
    for (const table of ['mlops_fs_staging', 'mlops_fs_materialization', 'mlops_fs_registry']) await s().dropTableIfExists(table);
  },
};

/** Every feature store migration, oldest first. Append only. */
export const featureMigrations: readonly SchemaMigration[] = [init0001];
