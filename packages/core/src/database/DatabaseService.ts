/**
 * A schema change a plugin ships for its own tables. `up`/`down` receive the database's client
 * (knex for the SQL storage plugins) and its schema; the name is stored, so never rename a released one.
 */
export interface DatabaseMigration<Client = unknown> {
  /** `NNNN_snake_case`. */
  readonly name: string;
  up(client: Client, schema: string | undefined): Promise<void>;
  down(client: Client, schema: string | undefined): Promise<void>;
}

/**
 * The SQL database behind the metadata store, for plugins that keep their own tables beside it
 * (tracker, model registry, feature store, SQL sinks). Provided by the SQL storage plugins under
 * `tokens.database` (a second token beside `tokens.metadataStore`); a plugin lists it in `requires`, so
 * `mlops config check` reports a metadata store without a database instead of a failure in `create`.
 *
 * The client is typed loosely here so core does not depend on knex: `@mlops/sql-metadata`'s
 * `sqlHandleOf(db, pluginName)` returns it typed as knex.
 */
export interface DatabaseService<Client = unknown> {
  readonly dialect: 'sqlite' | 'postgres';
  /** Postgres schema holding the tables (and every migrations table); undefined on SQLite. */
  readonly schema: string | undefined;
  /** The connection pool (a knex instance for the SQL storage plugins). Stays the provider's to close. */
  getClient(): Client;
  /**
   * Applies the pending migrations of one namespace (recorded in `mlops_<namespace>_migrations`),
   * safe to call from several processes at once; returns the names applied.
   */
  migrate(namespace: string, migrations: readonly DatabaseMigration<Client>[]): Promise<string[]>;
}
