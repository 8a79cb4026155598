export { SqlMetadataStore, type SqlMetadataStoreOptions } from './SqlMetadataStore';
export { openSqlMetadataStore } from './openSqlMetadataStore';
export type { SqlStoreDescription } from './SqlStoreDescription';
export { sqliteKnexConfig, type SqliteKnexOptions } from './sqliteKnexConfig';
export { postgresKnexConfig, type PostgresConnection, type PostgresKnexOptions } from './postgresKnexConfig';
export { migrations, createMigrationSource, type SchemaMigration } from './migrations/createMigrationSource';
export { runMigrations, migrationsTable } from './migrations/runMigrations';
export { SqlDatabase, sqlHandleOf, type SqlStoreHandle } from './SqlDatabase';
export { pgQuery, prepareStatement, type PreparedStatement } from './lib/pgQuery';
