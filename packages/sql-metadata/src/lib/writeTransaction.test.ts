import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import knex, { type Knex } from 'knex';
import { sqliteKnexConfig } from '../sqliteKnexConfig';
import type { SqlStoreHandle } from '../SqlDatabase';
import { writeTransaction } from './writeTransaction';

// Two knex pools on one file stand for two processes (the monitor submitting a run while the
// scheduler writes): `other` commits between our read and our write.
describe('writeTransaction on SQLite', () => {
  let dir: string;
  let ours: Knex;
  let other: Knex;
  let handle: SqlStoreHandle;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mlops-write-tx-'));
    ours = knex(sqliteKnexConfig(join(dir, 'm.sqlite')));
    other = knex(sqliteKnexConfig(join(dir, 'm.sqlite'), { busyTimeoutMs: 50 }));
    handle = { knex: ours, schema: undefined, dialect: 'sqlite' };
    await ours.schema.createTable('t', (t) => t.integer('n'));
  });
  afterAll(async () => {
    await Promise.all([ours.destroy(), other.destroy()]);
    await rm(dir, { recursive: true, force: true });
  });

  const readThenWrite = (run: (work: (trx: Knex.Transaction) => Promise<number>) => Promise<number>, otherWrite: { error?: string }) =>
    run(async (trx) => {
      const before = Number((await trx('t').count({ n: '*' }).first())?.n);
      try {
        await other('t').insert({ n: -1 });
      } catch (error) {
        otherWrite.error = (error as { code?: string }).code;
      }
      await trx('t').insert({ n: before });
      return before;
    });

  it('a plain transaction that reads first fails when another connection commits before it writes', async () => {
    const otherWrite: { error?: string } = {};
    await expect(readThenWrite((work) => ours.transaction(work), otherWrite)).rejects.toMatchObject({ code: 'SQLITE_BUSY_SNAPSHOT' });
    expect(otherWrite.error).toBeUndefined();
  });

  it('holds the write lock from its start: the other writer waits (here: times out), ours commits', async () => {
    const rowsBefore = Number((await ours('t').count({ n: '*' }).first())?.n);
    const otherWrite: { error?: string } = {};
    await expect(readThenWrite((work) => writeTransaction(handle, work), otherWrite)).resolves.toBe(rowsBefore);
    expect(otherWrite.error).toBe('SQLITE_BUSY');
    expect(Number((await ours('t').count({ n: '*' }).first())?.n)).toBe(rowsBefore + 1);
  });

  it('rolls back everything when the work throws, and releases the lock', async () => {
    const rowsBefore = Number((await ours('t').count({ n: '*' }).first())?.n);
    await expect(
      writeTransaction(handle, async (trx) => {
        await trx('t').insert({ n: 7 });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(Number((await ours('t').count({ n: '*' }).first())?.n)).toBe(rowsBefore);
    await other('t').insert({ n: 8 });
    expect(Number((await ours('t').count({ n: '*' }).first())?.n)).toBe(rowsBefore + 1);
  });
});
