import { definePlugin, tokens } from '@mlops/core';
import { sqlStoreOf } from '@mlops/sql-metadata';
import { trackerOptions } from './options';
import { SqlTracker } from './SqlTracker';

/**
 * Plugin: the experiment tracker, in `tracker_*` tables beside the SQL metadata store's (SQLite or
 * Postgres, in its schema). Refuses other metadata stores when created; migrates on start.
 */
export const tracker = definePlugin({
  name: 'tracker',
  provides: tokens.tracker,
  requires: [tokens.metadataStore],
  options: trackerOptions,
  create: (ctx) => new SqlTracker(sqlStoreOf(ctx.resolve(tokens.metadataStore), 'tracker')),
});
