import { definePlugin, tokens } from '@mlops/core';
import { sqlHandleOf } from '@mlops/sql-metadata';
import { subscribeAutolog } from './autolog/subscribeAutolog';
import { trackerOptions } from './options';
import { SqlTracker } from './SqlTracker';

/**
 * Plugin: the experiment tracker, in `tracker_*` tables of the database the SQL metadata store
 * provides (`tokens.database`: SQLite or Postgres, in its schema); migrates on start. Pipeline runs
 * log to it on their own through core's run and step hooks (`autolog/`).
 */
export const tracker = definePlugin({
  name: 'tracker',
  provides: tokens.tracker,
  requires: [tokens.database],
  options: trackerOptions,
  create: (ctx) => {
    const service = new SqlTracker(sqlHandleOf(ctx.resolve(tokens.database), 'tracker'));
    // The hook bus lives and dies with the runtime, so there is nothing to unsubscribe on close.
    subscribeAutolog(ctx.hooks, service);
    return service;
  },
});
