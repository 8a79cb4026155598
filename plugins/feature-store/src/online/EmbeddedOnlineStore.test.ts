import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import knexFactory, { type Knex } from 'knex';
import { errorCodes } from '@mlops/core';
import { openSqlMetadataStore, sqliteKnexConfig, sqlHandleOf } from '@mlops/sql-metadata';
import { sampleRun } from '@mlops/testkit';
import { EmbeddedOnlineStore } from './EmbeddedOnlineStore';

const t0 = 1_750_000_000_000;

describe('EmbeddedOnlineStore on SQLite', () => {
  let dir: string;
  let knex: Knex;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mlops-online-unit-'));
    knex = knexFactory(sqliteKnexConfig(join(dir, 'db.sqlite')));
  });
  afterEach(async () => {
    await knex.destroy();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps its table in the metadata store database, reached through sqlHandleOf', async () => {
    const metadata = openSqlMetadataStore({ kind: 'sqlite', path: join(dir, 'metadata.sqlite') });
    try {
      await metadata.start();
      const handle = sqlHandleOf(metadata.database, 'feature-store');
      const online = new EmbeddedOnlineStore({ knex: handle.knex, schema: handle.schema });
      await online.start();
      await online.write('v', [{ entityKey: 'e', eventTimestamp: t0, values: { x: 1 } }]);
      const run = sampleRun();
      await metadata.createRun(run);
      expect((await online.read('v', ['e'], ['x']))[0]?.values).toEqual({ x: 1 });
      expect(await metadata.getRun(run.id)).toEqual(run);
      expect(await online.health()).toEqual({ ok: true });
      online.close();
      // close() leaves the shared handle open for the metadata store.
      expect(await metadata.getRun(run.id)).toEqual(run);
    } finally {
      await metadata.close();
    }
  });

  it('creates its table on first use even without start(), once', async () => {
    const store = new EmbeddedOnlineStore({ knex });
    expect(await store.read('v', ['e'], ['x'])).toEqual([null]);
    await new EmbeddedOnlineStore({ knex }).start();
    expect(await knex('mlops_online_migrations').count({ n: '*' })).toEqual([{ n: 1 }]);
  });

  it('rejects a Postgres schema on SQLite', () => {
    expect(() => new EmbeddedOnlineStore({ knex, schema: 'mlops' })).toThrow('only supported on Postgres');
  });

  it('reads 5,000 keys in one query', async () => {
    const store = new EmbeddedOnlineStore({ knex });
    const keys = Array.from({ length: 5000 }, (_, i) => `k${i}`);
    await store.write('v', keys.map((entityKey, i) => ({ entityKey, eventTimestamp: t0, values: { i } })));
    const queries: string[] = [];
    const count = (q: { sql: string }) => queries.push(q.sql);
    knex.on('query', count);
    const results = await store.read('v', keys, ['i']);
    knex.off('query', count);
    expect(results.map((r) => r?.values.i)).toEqual(keys.map((_, i) => i));
    expect(queries).toHaveLength(1);
  });

  it('writes all or nothing: a statement failing mid-write rolls back the earlier ones', async () => {
    const store = new EmbeddedOnlineStore({ knex, rowsPerStatement: 1 });
    await store.start();
    await knex.raw(`create trigger poison before insert on mlops_online_features when new.entity_key = 'poison' begin select raise(abort, 'poisoned row'); end`);
    const rows = ['a', 'b', 'poison'].map((entityKey) => ({ entityKey, eventTimestamp: t0, values: { x: 1 } }));
    await expect(store.write('v', rows)).rejects.toMatchObject({ code: errorCodes.storage, message: expect.stringContaining('poisoned row') });
    expect(await store.read('v', ['a', 'b'], ['x'])).toEqual([null, null]);
  });

  it('names the view, entity and feature of a bad value', async () => {
    const store = new EmbeddedOnlineStore({ knex });
    await expect(store.write('clicks', [{ entityKey: 'user=7', eventTimestamp: t0, values: { rate: NaN } }])).rejects.toThrow(
      'online store write to view "clicks": entity "user=7": feature "rate": expected a finite number, string, boolean or null, received NaN',
    );
  });

  it(
    'two processes writing the same entities at once: each entity ends with its newest row',
    async () => {
      const file = join(dir, 'shared.sqlite');
      const parentKnex = knexFactory(sqliteKnexConfig(file));
      const store = new EmbeddedOnlineStore({ knex: parentKnex });
      try {
        await store.start();
        const [writers, entities] = [3, 300];
        const child = join(__dirname, '__fixtures__', 'onlineWriterChild.js');
        await Promise.all(Array.from({ length: writers }, (_, w) => promisify(execFile)(process.execPath, [child, file, 'race', String(w), String(writers), String(entities)])));
        const results = await store.read('race', Array.from({ length: entities }, (_, i) => `e${i}`), ['writer']);
        expect(results.map((r) => r?.values.writer)).toEqual(Array.from({ length: entities }, (_, i) => (writers - 1 - (i % writers) + writers) % writers));
      } finally {
        await parentKnex.destroy();
      }
    },
    120_000,
  );
});
