import type { Knex } from 'knex';
import { PluginError, type DatabaseService } from '@mlops/core';
import type { SchemaMigration } from './migrations/createMigrationSource';
import { runMigrations } from './migrations/runMigrations';

/** The SQL connection behind a metadata store, typed as knex, for plugins that keep their own tables beside it. */
export interface SqlStoreHandle {
  knex: Knex;
  /** Postgres schema of the store's tables, if any. */
  schema: string | undefined;
  dialect: 'sqlite' | 'postgresql';
}

const namespacePattern = /^[a-z][a-z0-9_]{0,40}$/;

/**
 * `tokens.database` of the SQL storage plugins: the metadata store's knex pool and schema. It does
 * not own the pool (the metadata store closes it).
 */
export class SqlDatabase implements DatabaseService<Knex> {
  /**
   * @param knex gives the pool on first use: the metadata store creates knex lazily, and a process that
   *   never queries through this service (`mlops runs ls`) must not load it.
   */
  constructor(
    private readonly knex: () => Knex,
    readonly dialect: 'sqlite' | 'postgres',
    readonly schema: string | undefined,
  ) {}

  getClient(): Knex {
    return this.knex();
  }

  /** Migrations of one namespace, recorded in `mlops_<namespace>_migrations` (the tracker's, the registry's, ...). */
  migrate(namespace: string, migrations: readonly SchemaMigration[]): Promise<string[]> {
    if (!namespacePattern.test(namespace)) throw new PluginError('database', `migration namespace must match ${namespacePattern}, received ${JSON.stringify(namespace)}`);
    return runMigrations(this.knex(), this.schema, { migrations, tableName: `mlops_${namespace}_migrations` });
  }
}

/**
 * The knex handle of a database service (from `ctx.resolve(tokens.database)`). Another provider's
 * client (not knex) gets an error naming the plugin that needs SQL.
 */
export function sqlHandleOf(database: DatabaseService, neededBy: string): SqlStoreHandle {
  const knex = database.getClient() as Knex;
  if (typeof knex !== 'function' || typeof (knex as Partial<Knex>).transaction !== 'function') {
    throw new PluginError(neededBy, `${neededBy} keeps its tables through knex, so tokens.database must come from an SQL store (@mlops/storage-local or @mlops/storage-postgres); its client is ${typeof knex}`);
  }
  return { knex, schema: database.schema, dialect: database.dialect === 'postgres' ? 'postgresql' : 'sqlite' };
}
