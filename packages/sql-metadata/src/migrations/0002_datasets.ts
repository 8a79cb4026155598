import type { Knex } from 'knex';

/**
 * Named dataset versions and which runs read or wrote them. A version is unique per name both by
 * number and by content digest: the second constraint is what makes concurrent registrations of the
 * same content end on one version (the loser's insert fails and it reads the winner's row).
 */
export const datasets0002 = {
  name: '0002_datasets',
  async up(knex: Knex, schema: string | undefined): Promise<void> {
    const s = () => (schema ? knex.schema.withSchema(schema) : knex.schema);
    await s().createTable('dataset_names', (t) => {
      t.text('name').notNullable().primary();
      t.integer('last_version').notNullable();
    });
    await s().createTable('dataset_versions', (t) => {
      t.text('name').notNullable();
      t.integer('version').notNullable();
      t.text('digest').notNullable();
      t.text('blob_digest').notNullable();
      t.double('size').notNullable();
      t.double('rows').notNullable();
      t.text('schema').notNullable();
      t.double('created_at').notNullable();
      t.text('run_id').nullable();
      t.primary(['name', 'version']);
      t.unique(['name', 'digest'], { indexName: 'dataset_versions_name_digest_uq' });
    });
    await s().createTable('dataset_uses', (t) => {
      t.text('run_id').notNullable();
      // '' for "no step run": a nullable column cannot be part of the primary key.
      t.text('step_run_id').notNullable();
      t.text('name').notNullable();
      t.integer('version').notNullable();
      t.text('role').notNullable();
      t.double('created_at').notNullable();
      t.primary(['run_id', 'step_run_id', 'name', 'version', 'role']);
      t.index(['name', 'version'], 'dataset_uses_version_idx');
    });
  },
  async down(knex: Knex, schema: string | undefined): Promise<void> {
    const s = () => (schema ? knex.schema.withSchema(schema) : knex.schema);
    for (const table of ['dataset_uses', 'dataset_versions', 'dataset_names']) await s().dropTableIfExists(table);
  },
};
