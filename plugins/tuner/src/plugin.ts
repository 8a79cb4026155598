import { definePlugin, tokens } from '@mlops/core';
import { sqlHandleOf } from '@mlops/sql-metadata';
import { tunerOptions } from './options';
import { SqlTuner } from './SqlTuner';
import { SqlTunerStorage } from './storage/SqlTunerStorage';

/**
 * Plugin: `tokens.tuner`, with studies in `tuner_*` tables of the project database (the SQL
 * metadata store's: SQLite with WAL, or Postgres in its schema), so every `mlops tune` worker
 * process, and any machine pointing at the same Postgres, shares them.
 */
export const tuner = definePlugin({
  name: 'tuner',
  provides: tokens.tuner,
  requires: [tokens.database],
  options: tunerOptions,
  create: (ctx) => {
    const handle = sqlHandleOf(ctx.resolve(tokens.database), 'tuner');
    // The pool is the database provider's: the storage does not own (or close) it.
    const storage = new SqlTunerStorage({ knex: handle.knex, schema: handle.schema });
    return new SqlTuner(storage, ctx.options.studies, { intervalMs: ctx.options.heartbeatMs, staleMs: ctx.options.staleAfterMs });
  },
});
