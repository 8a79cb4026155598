import type { Knex } from 'knex';
import type { SchemaMigration } from '@mlops/sql-metadata';

export const dispatchersTable = 'orchestrator_local_dispatchers';

/**
 * The processes running steps now (`mlops scheduler`, a foreground `mlops retrain`), with a heartbeat:
 * what `mlops queue status` lists as workers and how `mlops retrain` knows whether a scheduler will
 * take its run. A killed process leaves a row whose heartbeat goes stale.
 */
const local0001: SchemaMigration = {
  name: '0001_local_dispatchers',
  async up(knex: Knex, schema: string | undefined): Promise<void> {
    await (schema ? knex.schema.withSchema(schema) : knex.schema).createTable(dispatchersTable, (t) => {
      t.text('id').primary();
      t.text('role').notNullable();
      t.double('started_at').notNullable();
      t.double('heartbeat_at').notNullable();
    });
  },
  async down(knex: Knex, schema: string | undefined): Promise<void> {
    await (schema ? knex.schema.withSchema(schema) : knex.schema).dropTableIfExists(dispatchersTable);
  },
};

/** Append only: names are recorded in `mlops_orchestrator_local_migrations`. */
export const localOrchestratorMigrations: readonly SchemaMigration[] = [local0001];
