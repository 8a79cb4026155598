import { debuglog } from 'node:util';
import type { Knex } from 'knex';

const debug = debuglog('knex');

/**
 * knex's own console output (e.g. "Acquire connection error: …" while the pool retries, printed
 * even though the query's rejection reports the same failure to the caller, which names it). Routed
 * to `NODE_DEBUG=knex` so a run or a test prints only what mlops reports.
 */
export const knexLog: Knex.Config['log'] = {
  warn: (message: unknown) => debug('warn %s', message),
  error: (message: unknown) => debug('error %s', message),
  deprecate: (method: string, alternative: string) => debug('deprecated %s, use %s', method, alternative),
  debug: (message: unknown) => debug('debug %o', message),
};
