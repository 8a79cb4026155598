import type * as DuckDbModule from '@duckdb/node-api';
import { FeatureStoreUsageError } from '../errors';

/** The `@duckdb/node-api` module. */
export type DuckDbApi = typeof DuckDbModule;

/** The version this package is tested with (its `optionalDependencies` pin). */
export const duckDbVersion = '1.5.6-r.1';

/**
 * Loads `@duckdb/node-api` only when the DuckDB engine is selected: it is an optional dependency
 * (a 68 MB native binding), so users of the SQL engine neither load nor need it.
 */
export async function loadDuckDb(): Promise<DuckDbApi> {
  try {
    return await import('@duckdb/node-api');
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== 'MODULE_NOT_FOUND' && code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new FeatureStoreUsageError(
      `feature store option offlineEngine: "duckdb" needs the optional dependency @duckdb/node-api, which is not installed ` +
        `(${(error as Error).message.split('\n')[0]}): run npm install @duckdb/node-api@${duckDbVersion}, or set offlineEngine: "sql"`,
    );
  }
}
