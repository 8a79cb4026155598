import type { Knex } from 'knex';
import type { SchemaMigration } from '@mlops/sql-metadata';
import { runsTable, stepsTable } from './0001_orchestrator';

/**
 * Counters that let a step's completion be one statement instead of a locked read of the whole run:
 * `runs.steps_left` (planned steps not yet succeeded; the run ends when it reaches 0),
 * `steps.pending_deps` (upstream steps not yet succeeded; a waiting step is queued at 0) and
 * `steps.dependents` (JSON array of the steps waiting on this one, so completion knows whom to
 * tell). Each is a row-level decrement, so concurrent completions serialise on the row, not the run.
 * Runs in flight when this migrates get their counters computed from their step rows.
 */
export const orchestrator0002: SchemaMigration = {
  name: '0002_step_counters',
  async up(knex: Knex, schema: string | undefined): Promise<void> {
    const s = () => (schema ? knex.schema.withSchema(schema) : knex.schema);
    const t = (table: string) => (schema ? knex.withSchema(schema).table(table) : knex.table(table));
    await s().alterTable(runsTable, (table) => void table.integer('steps_left').nullable());
    await s().alterTable(stepsTable, (table) => {
      table.integer('pending_deps').nullable();
      table.text('dependents').nullable();
    });
    const live = (await t(runsTable).whereIn('status', ['queued', 'running']).select('id')) as { id: string }[];
    for (const { id } of live) {
      const steps = (await t(stepsTable).where({ run_id: id }).whereNot({ step_id: '#plan' }).select('step_id', 'status', 'depends_on')) as { step_id: string; status: string; depends_on: string }[];
      if (!steps.length) continue; // not planned yet: the plan sets the counters
      const succeeded = new Set(steps.filter((r) => r.status === 'succeeded').map((r) => r.step_id));
      const dependents = new Map<string, string[]>();
      for (const r of steps) for (const d of JSON.parse(r.depends_on) as string[]) dependents.set(d, [...(dependents.get(d) ?? []), r.step_id]);
      for (const r of steps) {
        const pending = (JSON.parse(r.depends_on) as string[]).filter((d) => !succeeded.has(d)).length;
        await t(stepsTable).where({ run_id: id, step_id: r.step_id }).update({ pending_deps: pending, dependents: JSON.stringify(dependents.get(r.step_id) ?? []) });
      }
      await t(runsTable).where({ id }).update({ steps_left: steps.length - succeeded.size });
    }
  },
  async down(knex: Knex, schema: string | undefined): Promise<void> {
    const s = () => (schema ? knex.schema.withSchema(schema) : knex.schema);
    await s().alterTable(stepsTable, (table) => {
      table.dropColumn('pending_deps');
      table.dropColumn('dependents');
    });
    await s().alterTable(runsTable, (table) => void table.dropColumn('steps_left'));
  },
};
