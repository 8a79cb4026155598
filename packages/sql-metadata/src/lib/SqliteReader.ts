import type { Knex } from 'knex';

/** The part of a better-sqlite3 `Database` the reader uses. */
interface Database {
  prepare(sql: string): { all(...bindings: unknown[]): unknown[] };
  close(): void;
}

/**
 * Read-only statements on a SQLite file straight through better-sqlite3, for a store whose knex is
 * not loaded yet (see `createKnex`): the connection is set up by the config's own `afterCreate` hook
 * (WAL, busy_timeout, foreign keys), exactly as knex's pool would set up its own.
 */
export class SqliteReader {
  private constructor(private readonly db: Database) {}

  /**
   * Opens a reader on the config's file, or returns undefined when reads must go through knex: another
   * driver than better-sqlite3, or an in-memory database (a second connection would see another,
   * empty one).
   */
  static async open(config: Knex.Config): Promise<SqliteReader | undefined> {
    const filename = (config.connection as { filename?: unknown } | undefined)?.filename;
    if (config.client !== 'better-sqlite3' || typeof filename !== 'string' || filename === '' || filename === ':memory:' || filename.startsWith('file:')) return undefined;
    const BetterSqlite3 = require('better-sqlite3') as new (filename: string) => Database;
    const db = new BetterSqlite3(filename);
    const afterCreate = (config.pool as { afterCreate?: (conn: Database, done: (err: Error | null) => void) => void } | undefined)?.afterCreate;
    try {
      if (afterCreate) await new Promise<void>((resolve, reject) => afterCreate(db, (err) => (err ? reject(err) : resolve())));
    } catch (error) {
      db.close();
      throw error;
    }
    return new SqliteReader(db);
  }

  all<Row>(sql: string, bindings: readonly unknown[]): Row[] {
    return this.db.prepare(sql).all(...bindings) as Row[];
  }

  close(): void {
    this.db.close();
  }
}
