import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import knexFactory, { type Knex } from 'knex';
import { sqliteKnexConfig } from '@mlops/sql-metadata';
import { sqliteLogSubject, type LogSubject } from '../__fixtures__/logSubjects';
import { predictionLogTable } from '../migrations/0001_prediction_log';
import { SqliteWriterThread } from './SqliteWriterThread';

/** One log row's values; the blob on an ArrayBuffer of its own, as LogGroup.encode makes it (pooled ones are not transferable). */
const row = (model: string, bytes: number[]) => {
  const blob = Buffer.allocUnsafeSlow(bytes.length);
  blob.set(bytes);
  return [model, 1, 1000, 1000, 1, 1, null, null, null, 0.5, '[]', blob];
};

describe('SqliteWriterThread', () => {
  let s: LogSubject;
  beforeEach(async () => {
    s = await sqliteLogSubject();
  });
  afterEach(() => s.cleanup());

  it('commits rows from its own thread, readable at once through the store; blobs are transferred, not copied', async () => {
    const writer = SqliteWriterThread.forStore(s.sql, predictionLogTable)!;
    await writer.start();
    const a = row('a', [1, 2, 3]);
    const blob = a[11] as Buffer;
    await writer.write([...a, ...row('b', [255])]);
    // Transferred: the caller's buffer is detached.
    expect(blob.buffer.byteLength).toBe(0);
    const rows = (await s.sql.knex(predictionLogTable).select('model', 'data', 'inference_ms').orderBy('id')) as { model: string; data: Buffer; inference_ms: number }[];
    expect(rows.map((r) => [r.model, Array.from(r.data), r.inference_ms])).toEqual([
      ['a', [1, 2, 3], 0.5],
      ['b', [255], 0.5],
    ]);
    await writer.close();
  });

  it('fails a write on a locked database at once with SQLITE_BUSY, rolls it back, and writes the next one', async () => {
    const writer = SqliteWriterThread.forStore(s.sql, predictionLogTable)!;
    await writer.start();
    const release = await s.holdWriteLock();
    const started = performance.now();
    await expect(writer.write(row('locked', [1]))).rejects.toMatchObject({ code: 'SQLITE_BUSY', message: 'database is locked' });
    expect(performance.now() - started).toBeLessThan(1000);
    await release();
    await writer.write(row('after', [2]));
    expect((await s.sql.knex(predictionLogTable).pluck('model')) as string[]).toEqual(['after']);
    await writer.close();
  });

  it('is only used for a SQLite file: not for :memory: nor Postgres', async () => {
    let memory: Knex | undefined;
    try {
      memory = knexFactory(sqliteKnexConfig(':memory:'));
      expect(SqliteWriterThread.forStore({ knex: memory, schema: undefined, dialect: 'sqlite' }, predictionLogTable)).toBeUndefined();
      expect(SqliteWriterThread.forStore({ ...s.sql, dialect: 'postgresql' }, predictionLogTable)).toBeUndefined();
      expect(SqliteWriterThread.forStore(s.sql, predictionLogTable)).toBeInstanceOf(SqliteWriterThread);
    } finally {
      await memory?.destroy();
    }
  });
});
