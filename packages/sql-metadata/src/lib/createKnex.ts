import type { Knex } from 'knex';

/**
 * A knex instance from a config. knex is required here, on first use, rather than when this package
 * loads: knex and the ~300 lodash modules it requires take about 100 ms to load, which a process
 * that only reads a SQLite store (`mlops runs ls`) has no need to pay (see `SqliteReader`).
 */
export function createKnex(config: Knex.Config): Knex {
  return (require('knex') as typeof import('knex')).knex(config);
}
