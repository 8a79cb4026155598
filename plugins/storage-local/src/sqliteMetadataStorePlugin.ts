import { definePlugin, tokens } from '@mlops/core';
import { openSqlMetadataStore } from '@mlops/sql-metadata';
import { resolveStorePath } from './lib/resolveStorePath';
import { sqliteMetadataStoreOptions } from './options';

/** Plugin: the metadata store in a SQLite file (default `<stateDir>/metadata.sqlite`); migrates on start. */
export const sqliteMetadataStore = definePlugin({
  name: 'sqlite-metadata-store',
  provides: tokens.metadataStore,
  options: sqliteMetadataStoreOptions,
  create: (ctx) =>
    openSqlMetadataStore({
      kind: 'sqlite',
      path: resolveStorePath(ctx, ctx.options.path, 'metadata.sqlite'),
      busyTimeoutMs: ctx.options.busyTimeoutMs,
    }),
});
