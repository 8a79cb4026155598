import type { Knex } from 'knex';
import type { SchemaMigration } from '@mlops/sql-metadata';

/** The feature service a version was trained from (JSON `ModelFeatures`), so serving can derive its lookup. */
export const registry0003: SchemaMigration = {
  name: '0003_model_features',
  async up(knex: Knex, schema: string | undefined): Promise<void> {
    await (schema ? knex.schema.withSchema(schema) : knex.schema).alterTable('registry_versions', (t) => {
      t.text('features').nullable();
    });
  },
  async down(knex: Knex, schema: string | undefined): Promise<void> {
    await (schema ? knex.schema.withSchema(schema) : knex.schema).alterTable('registry_versions', (t) => {
      t.dropColumn('features');
    });
  },
};
