import type { Knex } from 'knex';
import type { SchemaMigration } from '@mlops/sql-metadata';

/** Table of the embedded online store, beside the metadata store's tables. */
export const onlineTable = 'mlops_online_features';

/** Where the online store records its migrations, apart from the metadata store's own. */
export const onlineMigrationsTable = 'mlops_online_migrations';

/**
 * One row per (view, entity). Values are a JSON object in TEXT so SQLite and Postgres store them
 * alike; times are `double precision`, which pg returns as a JS number (bigint would be a string).
 */
const init0001: SchemaMigration = {
  name: '0001_online_features',
  async up(knex: Knex, schema: string | undefined) {
    const builder = schema ? knex.schema.withSchema(schema) : knex.schema;
    await builder.createTable(onlineTable, (t) => {
      t.text('view_name').notNullable();
      t.text('entity_key').notNullable();
      t.text('feature_values').notNullable();
      t.double('event_ts').notNullable();
      t.double('written_at').notNullable();
      t.double('expires_at').nullable();
      t.primary(['view_name', 'entity_key']);
      // Purging expired rows of one view on write.
      t.index(['view_name', 'expires_at'], `${onlineTable}_expires_idx`);
    });
  },
  async down(knex: Knex, schema: string | undefined) {
    await (schema ? knex.schema.withSchema(schema) : knex.schema).dropTableIfExists(onlineTable);
  },
};

/** The online store's migrations, oldest first. Append only. */
export const onlineTableMigrations: readonly SchemaMigration[] = [init0001];
