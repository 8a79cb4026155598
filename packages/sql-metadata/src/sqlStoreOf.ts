import type { Knex } from 'knex';
import { PluginError, type MetadataStore } from '@mlops/core';

/** The SQL connection behind a metadata store, for plugins that keep their own tables beside it. */
export interface SqlStoreHandle {
  knex: Knex;
  /** Postgres schema of the store's tables, if any. */
  schema: string | undefined;
  dialect: 'sqlite' | 'postgresql';
}

/**
 * The knex handle of an SQL metadata store (SQLite or Postgres). Duck-typed rather than
 * `instanceof`, so two copies of this package in one install still agree. Other stores get an
 * error naming the plugin that needs SQL.
 */
export function sqlStoreOf(store: MetadataStore, neededBy: string): SqlStoreHandle {
  const candidate = store as Partial<{ knex: Knex; schema: string | undefined }>;
  if (typeof candidate.knex !== 'function') {
    throw new PluginError(neededBy, `${neededBy} keeps its tables in the metadata store's database, so plugins.metadataStore must be an SQL store (@mlops/storage-local or @mlops/storage-postgres); found ${store.constructor?.name ?? typeof store}`);
  }
  const dialect = (candidate.knex.client as { dialect?: string }).dialect;
  return { knex: candidate.knex, schema: candidate.schema, dialect: dialect === 'postgresql' ? 'postgresql' : 'sqlite' };
}
