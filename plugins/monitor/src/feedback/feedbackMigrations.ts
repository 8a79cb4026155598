import type { Knex } from 'knex';
import type { SchemaMigration } from '@mlops/sql-metadata';

/** Labels, one row per (request id, row of the request); in the store's schema on Postgres. */
export const feedbackTable = 'monitor_feedback';

/**
 * The key is what a label is about, so storing is idempotent: a retried POST or a re-imported file
 * finds its keys and changes nothing; a different label for a key replaces it (a correction). No
 * foreign key to the prediction log: labels often arrive before the prediction is flushed (or from
 * another server process), and the join happens when performance is read, whenever that is.
 * `label` is text: a class name, or a regressor's value as JavaScript prints it (exact round trip).
 */
const feedback0001: SchemaMigration = {
  name: '0001_feedback',
  async up(knex: Knex, schema: string | undefined): Promise<void> {
    await (schema ? knex.schema.withSchema(schema) : knex.schema).createTable(feedbackTable, (t) => {
      t.text('request_id').notNullable();
      t.integer('row_index').notNullable();
      t.text('label').notNullable();
      t.double('received_at').notNullable();
      t.primary(['request_id', 'row_index']);
      t.index(['received_at'], 'monitor_feedback_received_at_idx');
    });
  },
  async down(knex: Knex, schema: string | undefined): Promise<void> {
    await (schema ? knex.schema.withSchema(schema) : knex.schema).dropTableIfExists(feedbackTable);
  },
};

/**
 * A namespace of its own (`mlops_monitor_feedback_migrations`), apart from the prediction log's,
 * so the log's and the feedback's tables evolve without ordering one list of names between them.
 */
export const feedbackNamespace = 'monitor_feedback';
export const feedbackMigrations: readonly SchemaMigration[] = [feedback0001];
