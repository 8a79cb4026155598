import { definePlugin, tokens } from '@mlops/core';
import { openSqlMetadataStore } from '@mlops/sql-metadata';
import { resolveStorePath } from './lib/resolveStorePath';
import { quickSqliteMetadataStoreOptions } from './quickOptions';

/**
 * Plugin: the metadata store in a SQLite file (default `<stateDir>/metadata.sqlite`); migrates on
 * start. Also provides `tokens.database` (the same file) for plugins with tables of their own.
 */
export const sqliteMetadataStore = definePlugin({
  name: 'sqlite-metadata-store',
  provides: tokens.metadataStore,
  alsoProvides: [tokens.database],
  // The schema (zod) loads on first read only: a valid usual config never needs it.
  get options() {
    return (require('./options') as typeof import('./options')).sqliteMetadataStoreOptions;
  },
  quickParseOptions: quickSqliteMetadataStoreOptions,
  create: (ctx) => {
    const store = openSqlMetadataStore({
      kind: 'sqlite',
      path: resolveStorePath(ctx, ctx.options.path, 'metadata.sqlite'),
      busyTimeoutMs: ctx.options.busyTimeoutMs,
    });
    ctx.provide(tokens.database, store.database);
    return store;
  },
});
