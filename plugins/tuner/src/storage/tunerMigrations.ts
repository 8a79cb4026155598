import type { Knex } from 'knex';
import type { SchemaMigration } from '@mlops/sql-metadata';

/**
 * The tuner's tables, prefixed `tuner_`, beside the metadata store's in the same database (and
 * Postgres schema). Times are double precision epoch ms; an intermediate value of NULL means NaN
 * (SQLite cannot store NaN); objective values are JSON text with ±Infinity as strings.
 */
const tuner0001: SchemaMigration = {
  name: '0001_tuner',
  async up(knex: Knex, schema: string | undefined): Promise<void> {
    const s = () => (schema ? knex.schema.withSchema(schema) : knex.schema);
    const q = (table: string) => (schema ? `${schema}.${table}` : table);
    await s().createTable('tuner_studies', (t) => {
      t.increments('id').primary();
      t.text('name').notNullable().unique();
      t.text('directions').notNullable();
      // Hands out trial numbers: incremented in the transaction that inserts the trial.
      t.integer('next_number').notNullable().defaultTo(0);
      t.double('created_at').notNullable();
    });
    await s().createTable('tuner_trials', (t) => {
      t.increments('id').primary();
      t.integer('study_id').notNullable().references('id').inTable(q('tuner_studies'));
      t.integer('number').notNullable();
      t.text('state').notNullable();
      t.text('values').nullable();
      t.double('started_at').nullable();
      t.double('completed_at').nullable();
      t.double('heartbeat_at').nullable();
      t.text('error').nullable();
      t.unique(['study_id', 'number'], { indexName: 'tuner_trials_number_uq' });
      // claimTrial and failStaleTrials look up one study's trials in a state.
      t.index(['study_id', 'state', 'number'], 'tuner_trials_state_idx');
    });
    await s().createTable('tuner_params', (t) => {
      t.integer('trial_id').notNullable().references('id').inTable(q('tuner_trials'));
      t.text('name').notNullable();
      t.text('distribution').notNullable();
      t.double('value').notNullable();
      t.primary(['trial_id', 'name']);
    });
    await s().createTable('tuner_intermediate', (t) => {
      t.integer('trial_id').notNullable().references('id').inTable(q('tuner_trials'));
      t.integer('step').notNullable();
      t.double('value').nullable();
      t.primary(['trial_id', 'step']);
    });
    await s().createTable('tuner_attrs', (t) => {
      t.integer('trial_id').notNullable().references('id').inTable(q('tuner_trials'));
      t.text('kind').notNullable();
      t.text('key').notNullable();
      t.text('value').notNullable();
      t.primary(['trial_id', 'kind', 'key']);
    });
  },
  async down(knex: Knex, schema: string | undefined): Promise<void> {
    const s = () => (schema ? knex.schema.withSchema(schema) : knex.schema);
    for (const table of ['tuner_attrs', 'tuner_intermediate', 'tuner_params', 'tuner_trials', 'tuner_studies']) await s().dropTableIfExists(table);
  },
};

/** The tuner's migrations, oldest first. Append only: names are recorded in the database. */
export const tunerMigrations: readonly SchemaMigration[] = [tuner0001];

/** Table recording which tuner migrations ran, apart from the metadata store's own. */
export const tunerMigrationsTable = 'mlops_tuner_migrations';
