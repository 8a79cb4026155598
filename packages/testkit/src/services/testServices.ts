import { randomBytes } from 'node:crypto';

/** Env var with the Postgres URL tests use; defaults to the local trust-auth server. */
export const postgresUrlEnv = 'MLOPS_TEST_POSTGRES_URL';

/** The Postgres URL for tests: `$MLOPS_TEST_POSTGRES_URL` or `postgres://postgres@127.0.0.1:5432/test`. */
export function postgresTestUrl(): string {
  return process.env[postgresUrlEnv] || 'postgres://postgres@127.0.0.1:5432/test';
}

/** Host and port of a service URL, for a {@link ServiceProbe}; `defaultPort` when the URL has none. */
export function tcpTargetOfUrl(url: string, defaultPort: number): { host: string; port: number } {
  const parsed = new URL(url);
  return { host: parsed.hostname || '127.0.0.1', port: parsed.port ? Number(parsed.port) : defaultPort };
}

/**
 * A fresh lowercase identifier such as `mlops_test_1f3a9c0d2b`: one per test run, so parallel runs
 * against the same server (schemas, key prefixes) never collide.
 */
export function uniqueTestName(prefix = 'mlops_test'): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}
