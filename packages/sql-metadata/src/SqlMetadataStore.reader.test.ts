import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorCodes, type RunRecord } from '@mlops/core';
import { sampleRun } from '@mlops/testkit';
import { builtEntry } from './__fixtures__/subjects';
import { openSqlMetadataStore } from './openSqlMetadataStore';
import { migrationsTable } from './migrations/runMigrations';

// A store that only reads a SQLite file (`mlops runs ls`) does so through a plain better-sqlite3
// connection, without loading knex; what it reads must be what the knex path reads.
describe('SqlMetadataStore on a SQLite file, read before knex is loaded', () => {
  let dir: string;
  let path: string;
  const pipeline = 'reader';
  const runs: RunRecord[] = Array.from({ length: 5 }, (_, i) => sampleRun({ pipeline, startedAt: 1_730_000_000_000 + i * 1000, status: i % 2 ? 'succeeded' : 'failed', endedAt: i % 2 ? 1_730_000_000_500 + i * 1000 : null }));
  const newestFirst = [...runs].reverse();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mlops-sql-reader-'));
    path = join(dir, 'metadata.sqlite');
    const writer = openSqlMetadataStore({ kind: 'sqlite', path });
    await writer.start();
    for (const run of runs) await writer.createRun(run);
    await writer.createRun(sampleRun({ pipeline: 'other', startedAt: 1_730_000_000_000 }));
    await writer.close();
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('start(), listRuns() with filters and paging, and health() give the same answers as through knex', async () => {
    const reader = openSqlMetadataStore({ kind: 'sqlite', path });
    try {
      await reader.start();
      expect(await reader.health()).toEqual({ ok: true });
      expect(await reader.listRuns({ pipeline })).toEqual(newestFirst);
      expect(await reader.listRuns({ pipeline, status: 'succeeded' })).toEqual(newestFirst.filter((r) => r.status === 'succeeded'));
      expect(await reader.listRuns({ pipeline, limit: 2, offset: 1 })).toEqual(newestFirst.slice(1, 3));
      // The first write loads knex; later reads go through it and see the write.
      const late = sampleRun({ pipeline: 'late', startedAt: 1_740_000_000_000 });
      await reader.createRun(late);
      expect(await reader.listRuns({ limit: 1 })).toEqual([late]);
    } finally {
      await reader.close();
    }
  });

  it('a process that starts the store and lists runs does not load knex', () => {
    const script = `
      const { openSqlMetadataStore } = require(${JSON.stringify(builtEntry)});
      (async () => {
        const store = openSqlMetadataStore({ kind: 'sqlite', path: ${JSON.stringify(path)} });
        await store.start();
        const listed = await store.listRuns({ pipeline: ${JSON.stringify(pipeline)} });
        await store.close();
        const knexLoaded = Object.keys(require.cache).some((f) => f.includes('/node_modules/knex/'));
        process.stdout.write(JSON.stringify({ ids: listed.map((r) => r.id), knexLoaded }));
      })();`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
    expect(out).toEqual({ ids: newestFirst.map((r) => r.id), knexLoaded: false });
  });

  it('a migrations table listing a migration this version does not know is left to knex, which refuses it', async () => {
    const store = openSqlMetadataStore({ kind: 'sqlite', path });
    try {
      await store.knex(migrationsTable).insert({ name: '9999_from_a_newer_version', batch: 99, migration_time: new Date() });
      const error = await store.migrate().catch((e: unknown) => e);
      expect(error).toMatchObject({ code: errorCodes.storage, message: expect.stringMatching(/migrate failed: .*9999_from_a_newer_version/) });
    } finally {
      await store.knex(migrationsTable).where({ name: '9999_from_a_newer_version' }).delete();
      await store.close();
    }
  });

  it('a closed store does not open a new connection', async () => {
    const store = openSqlMetadataStore({ kind: 'sqlite', path });
    await store.start();
    await store.close();
    await store.close(); // a second close is harmless
    expect(await store.health()).toMatchObject({ ok: false, detail: expect.stringMatching(/closed/) });
    await expect(store.listRuns()).rejects.toMatchObject({ code: errorCodes.storage });
  });
});
