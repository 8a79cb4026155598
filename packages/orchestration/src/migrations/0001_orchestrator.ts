import type { Knex } from 'knex';
import type { SchemaMigration } from '@mlops/sql-metadata';

export const runsTable = 'orchestrator_runs';
export const stepsTable = 'orchestrator_steps';
export const schedulesTable = 'orchestrator_schedules';

/**
 * The orchestrator's durable state: runs (with their idempotency key, unique), one row per step of a
 * run (its status, attempts, current job id, claim token and the claiming worker's heartbeat, outputs as artifact ids), and schedule
 * progress. Redis holds only the queue; everything here survives a Redis restart. JSON is text
 * (SQLite and Postgres alike); times are epoch ms as double precision.
 */
export const orchestrator0001: SchemaMigration = {
  name: '0001_orchestrator',
  async up(knex: Knex, schema: string | undefined): Promise<void> {
    const s = () => (schema ? knex.schema.withSchema(schema) : knex.schema);
    await s().createTable(runsTable, (t) => {
      t.text('id').primary();
      t.text('pipeline').notNullable();
      t.text('params').notNullable();
      t.text('status').notNullable();
      t.text('idempotency_key').nullable().unique({ indexName: 'orchestrator_runs_idempotency_key_uq' });
      t.text('trigger').notNullable();
      t.text('tags').notNullable();
      t.double('created_at').notNullable();
      t.double('started_at').nullable();
      t.double('ended_at').nullable();
      t.text('error').nullable();
      t.index(['status', 'created_at'], 'orchestrator_runs_status_idx');
    });
    await s().createTable(stepsTable, (t) => {
      t.text('run_id').notNullable();
      t.text('step_id').notNullable();
      t.text('status').notNullable();
      t.integer('attempts').notNullable().defaultTo(0);
      t.text('depends_on').notNullable();
      t.text('outputs').notNullable();
      t.text('job_id').nullable();
      t.text('claim').nullable();
      t.text('worker').nullable();
      t.double('not_before').nullable();
      t.double('heartbeat_at').nullable();
      t.double('started_at').nullable();
      t.double('ended_at').nullable();
      t.text('error').nullable();
      t.primary(['run_id', 'step_id']);
      t.index(['status'], 'orchestrator_steps_status_idx');
    });
    await s().createTable(schedulesTable, (t) => {
      t.text('name').primary();
      t.double('since').notNullable();
      t.double('last_fired_for').nullable();
    });
  },
  async down(knex: Knex, schema: string | undefined): Promise<void> {
    const s = () => (schema ? knex.schema.withSchema(schema) : knex.schema);
    for (const table of [schedulesTable, stepsTable, runsTable]) await s().dropTableIfExists(table);
  },
};
