import type { Knex } from 'knex';
import { BatchInputError } from '../errors';

/**
 * A knex instance for `sqlite:path/to.db` (better-sqlite3, WAL, waits for a writer's lock) or
 * `postgres://…` / `postgresql://…` (node-postgres). knex and the driver load lazily: a CSV-only job
 * never needs them.
 */
export function openKnex(url: string): Knex {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const knex = require('knex') as typeof import('knex').knex;
  if (url.startsWith('sqlite:')) {
    const filename = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!filename) throw new BatchInputError(`database "${url}": expected sqlite:PATH, found no path`);
    return knex({
      client: 'better-sqlite3',
      connection: { filename },
      useNullAsDefault: true,
      pool: {
        min: 1,
        max: 1,
        afterCreate(conn: { pragma(s: string): unknown }, done: (err: Error | null, conn: unknown) => void) {
          conn.pragma('journal_mode = WAL');
          conn.pragma('busy_timeout = 5000');
          done(null, conn);
        },
      },
    });
  }
  if (/^postgres(ql)?:\/\//.test(url)) return knex({ client: 'pg', connection: url, pool: { min: 0, max: 2 } });
  throw new BatchInputError(`database "${url}": expected sqlite:PATH or postgres://…`);
}

/** `schema.table` or `table` → knex's `withSchema` parts. */
export function splitTableName(name: string): { schema?: string; table: string } {
  const parts = name.split('.');
  if (parts.length > 2 || parts.some((p) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(p))) {
    throw new BatchInputError(`output table "${name}": expected NAME or SCHEMA.NAME (letters, digits, _)`);
  }
  return parts.length === 2 ? { schema: parts[0], table: parts[1] } : { table: parts[0] };
}
