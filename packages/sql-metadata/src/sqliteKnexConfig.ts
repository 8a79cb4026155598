import type { Knex } from 'knex';
import { knexLog } from './knexLog';

/** Options of {@link sqliteKnexConfig}. */
export interface SqliteKnexOptions {
  /** How long a writer waits for another process's lock before failing with SQLITE_BUSY. */
  busyTimeoutMs?: number;
}

/** The subset of a better-sqlite3 `Database` used to configure each new connection. */
interface SqliteConnection {
  pragma(source: string): unknown;
}

/**
 * knex config for a SQLite file through better-sqlite3, set up for several processes writing at once:
 * WAL lets readers run beside a writer, `busy_timeout` makes a writer wait for the lock instead of
 * failing, and `foreign_keys` is off by default in SQLite so it is switched on per connection.
 */
export function sqliteKnexConfig(filename: string, options: SqliteKnexOptions = {}): Knex.Config {
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  return {
    client: 'better-sqlite3',
    connection: { filename },
    useNullAsDefault: true,
    log: knexLog,
    pool: {
      afterCreate(conn: SqliteConnection, done: (err: Error | null, conn: SqliteConnection) => void) {
        try {
          conn.pragma('journal_mode = WAL');
          conn.pragma(`busy_timeout = ${Math.floor(busyTimeoutMs)}`);
          conn.pragma('foreign_keys = ON');
          done(null, conn);
        } catch (error) {
          done(error as Error, conn);
        }
      },
    },
  };
}
