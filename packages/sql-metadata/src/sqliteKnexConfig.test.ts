import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import knex, { type Knex } from 'knex';
import { sqliteKnexConfig } from './sqliteKnexConfig';

describe('sqliteKnexConfig', () => {
  let dir: string;
  let db: Knex;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mlops-sqlite-config-'));
    db = knex(sqliteKnexConfig(join(dir, 'm.sqlite'), { busyTimeoutMs: 1234 }));
  });
  afterAll(async () => {
    await db.destroy();
    await rm(dir, { recursive: true, force: true });
  });

  it('puts every connection in WAL mode with a busy timeout and foreign keys on', async () => {
    expect(await db.raw('pragma journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    expect(await db.raw('pragma busy_timeout')).toEqual([{ timeout: 1234 }]);
    expect(await db.raw('pragma foreign_keys')).toEqual([{ foreign_keys: 1 }]);
  });
});
