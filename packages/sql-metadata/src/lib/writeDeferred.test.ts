import { afterAll, beforeAll, expect, it } from '@jest/globals';
import knexFactory, { type Knex } from 'knex';
import { describeWithService, dropPostgresSchema, postgresTestUrl, tcpTargetOfUrl, uniqueTestName } from '@mlops/testkit';
import { NotFoundError } from '@mlops/core';
import { openSqlMetadataStore } from '../openSqlMetadataStore';
import type { SqlMetadataStore } from '../SqlMetadataStore';
import { writeDeferred } from './writeDeferred';

describeWithService('postgres', tcpTargetOfUrl(postgresTestUrl(), 5432), () => {
  const schema = uniqueTestName('mlops_deferred');
  let knex: Knex;
  let other: Knex;
  let store: SqlMetadataStore;
  beforeAll(async () => {
    // One connection: what runs after a deferred write runs on the connection that wrote.
    knex = knexFactory({ client: 'pg', connection: postgresTestUrl(), pool: { min: 0, max: 1 } });
    other = knexFactory({ client: 'pg', connection: postgresTestUrl(), pool: { min: 0, max: 1 } });
    await knex.raw(`create schema "${schema}"`);
    await knex.schema.withSchema(schema).createTable('t', (t) => {
      t.text('id').primary();
      t.integer('v');
    });
    store = openSqlMetadataStore({ kind: 'pg', connection: postgresTestUrl(), schema });
    await store.migrate();
  });
  afterAll(async () => {
    await store.close();
    await knex.destroy();
    await other.destroy();
    await dropPostgresSchema(schema);
  });

  it('writes at once and visibly, counts rows, and leaves the connection committing synchronously', async () => {
    expect(await writeDeferred(knex, knex.withSchema(schema).table('t').insert({ id: 'a', v: 1 }).returning('id'))).toBe(1);
    expect(await other.withSchema(schema).table('t').where({ id: 'a' }).first('v')).toEqual({ v: 1 });
    expect(await writeDeferred(knex, knex.withSchema(schema).table('t').where({ id: 'nope' }).update({ v: 2 }, ['id']))).toBe(0);
    expect((await knex.raw('show synchronous_commit')).rows[0].synchronous_commit).toBe('on');
  });

  it("records a step run written as durable with the caller's next commit like any other, and still rejects an unknown id", async () => {
    const deferred = { durableWithNextCommit: true };
    await store.createRun({ id: 'r1', pipeline: 'p', status: 'running', params: {}, startedAt: 1, endedAt: null, error: null, host: 'h', pid: 0, configDigest: null, tags: {} });
    await store.createStepRun({ id: 's1', runId: 'r1', step: 'a', status: 'running', cacheKey: 'k', codeDigest: 'c', params: {}, startedAt: 2, endedAt: null, logs: '', error: null, cachedFrom: null }, deferred);
    await store.finishStepRun('s1', { status: 'succeeded', endedAt: 3, logs: 'done' }, deferred);
    expect(await store.listStepRuns('r1')).toMatchObject([{ id: 's1', status: 'succeeded', endedAt: 3, logs: 'done' }]);
    await expect(store.finishStepRun('nope', { status: 'failed', endedAt: 4 }, deferred)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('records a whole step run deferred, prepared once and reused, leaving the connection committing synchronously', async () => {
    await store.createRun({ id: 'r2', pipeline: 'p', status: 'running', params: {}, startedAt: 1, endedAt: null, error: null, host: 'h', pid: 0, configDigest: null, tags: {} });
    for (const id of ['s2', 's3']) {
      const stepRun = { id, runId: 'r2', step: id, status: 'succeeded' as const, cacheKey: 'k', codeDigest: 'c', params: {}, startedAt: 2, endedAt: 3, logs: '', error: null, cachedFrom: null };
      const artifact = { id: `a-${id}`, name: 'p/x/out', digest: 'sha256:0', size: 1, serializer: 'json', runId: 'r2', stepRunId: id, output: 'out', createdAt: 3, metadata: null };
      expect(await store.recordStepRun({ stepRun, inputs: [], artifacts: [artifact] }, { durableWithNextCommit: true })).toEqual([{ ...artifact, version: id === 's2' ? 1 : 2 }]);
    }
    expect((await store.listStepRuns('r2')).map((s) => s.status)).toEqual(['succeeded', 'succeeded']);
    expect((await store.knex.raw('show synchronous_commit')).rows[0].synchronous_commit).toBe('on');
  });
});
