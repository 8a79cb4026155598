import { describe, expect, it, jest } from '@jest/globals';

describe('offlineEngine "duckdb" without the optional dependency', () => {
  it('fails at start with the install command, and the SQL engine never loads DuckDB', async () => {
    // What require does when @duckdb/node-api (or its platform binding) is not installed.
    jest.doMock('@duckdb/node-api', () => {
      throw Object.assign(new Error("Cannot find module '@duckdb/node-api'"), { code: 'MODULE_NOT_FOUND' });
    });
    const { loadDuckDb } = await import('./loadDuckDb');
    await expect(loadDuckDb()).rejects.toThrow(
      `feature store option offlineEngine: "duckdb" needs the optional dependency @duckdb/node-api, which is not installed (Cannot find module '@duckdb/node-api'): run npm install @duckdb/node-api@1.5.6-r.1, or set offlineEngine: "sql"`,
    );
    jest.dontMock('@duckdb/node-api');
  });

  it('pins the version that package.json declares', async () => {
    const { duckDbVersion } = await import('./loadDuckDb');
    const manifest = (await import('../../package.json')) as { optionalDependencies: Record<string, string> };
    expect(manifest.optionalDependencies['@duckdb/node-api']).toBe(duckDbVersion);
  });
});
