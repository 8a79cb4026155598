import { describe, expect, it } from '@jest/globals';
import knex from 'knex';
import { errorCodes } from '@mlops/core';
import { sampleRun, sampleStepRun } from '@mlops/testkit';
import { SqlMetadataStore } from './SqlMetadataStore';
import { sqliteKnexConfig } from './sqliteKnexConfig';

describe('SqlMetadataStore', () => {
  it('rejects a schema on SQLite, and a schema name that is not a plain identifier', () => {
    expect(() => new SqlMetadataStore({ knex: sqliteKnexConfig(':memory:'), schema: 'x' })).toThrow(/SQLite has no schemas/);
    expect(() => new SqlMetadataStore({ knex: { client: 'pg' }, schema: 'a;drop' })).toThrow(/invalid schema name/);
  });

  it('wraps driver errors in StorageError and keeps the cause', async () => {
    const store = new SqlMetadataStore({ knex: sqliteKnexConfig(':memory:') });
    try {
      await store.migrate();
      // Foreign keys are on: a step run of an unknown run is refused.
      const error = await store.createStepRun(sampleStepRun(sampleRun())).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: errorCodes.storage, message: expect.stringMatching(/^metadata store: createStepRun failed: /) });
      expect((error as Error).cause).toMatchObject({ message: expect.stringMatching(/FOREIGN KEY/) });
    } finally {
      await store.close();
    }
  });

  it('health() is ok on a live connection and reports the reason on a dead one', async () => {
    const store = new SqlMetadataStore({ knex: sqliteKnexConfig(':memory:') });
    expect(await store.health()).toEqual({ ok: true });
    await store.close();
    expect(await store.health()).toMatchObject({ ok: false, detail: expect.any(String) });
  });

  it('close() leaves a knex instance it was given open', async () => {
    const db = knex(sqliteKnexConfig(':memory:'));
    const store = new SqlMetadataStore({ knex: db });
    await store.migrate();
    await store.close();
    expect(await db.raw('select 1 as one')).toEqual([{ one: 1 }]);
    await db.destroy();
  });
});
