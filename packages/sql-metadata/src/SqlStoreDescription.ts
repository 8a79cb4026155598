import type { PostgresConnection } from './postgresKnexConfig';

/**
 * A JSON-serializable recipe for a {@link SqlMetadataStore}, so another process (a worker, a test's
 * child process) can open the same store: `openSqlMetadataStore(JSON.parse(text))`.
 */
export type SqlStoreDescription =
  | { kind: 'sqlite'; path: string; busyTimeoutMs?: number }
  | { kind: 'pg'; connection: PostgresConnection; schema?: string; pool?: { min?: number; max?: number } };
