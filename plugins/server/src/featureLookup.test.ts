import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fakeFeatureStore } from './__fixtures__/fakeFeatureStore';
import { call, predict } from './__fixtures__/http';
import { modelFiles, startServer } from './__fixtures__/startServer';
import type { HttpModelServer } from './HttpModelServer';

describe('feature lookup', () => {
  let files: Awaited<ReturnType<typeof modelFiles>>;
  let server: HttpModelServer;
  const store = fakeFeatureStore();
  beforeAll(async () => {
    files = await modelFiles();
    server = await startServer({ modelFile: files.modelFile, signatureFile: files.signatureFile, features: { service: 'churn_v1', entityKeys: ['customer_id'] } }, { featureStore: store });
  });
  afterAll(async () => {
    await server.close();
    await rm(files.dir, { recursive: true, force: true });
  });

  it('answers entities with the same predictions as the raw feature rows', async () => {
    const byEntity = await predict(server.url!, { entities: [{ customer_id: 1 }, { customer_id: '2' }] });
    const byRows = await predict(server.url!, { rows: [{ a: 1.5, b: -0.5, c: null }, { a: -2, b: 1.5, c: 0.3 }] });
    expect(byEntity.status).toBe(200);
    expect(byEntity.json).toEqual(byRows.json);
    expect(store.state.requests.at(-1)).toEqual({ featureService: 'churn_v1', entities: [{ customer_id: 1 }, { customer_id: '2' }] });
  });

  it('names the entity and feature without a fresh value, and unknown entities', async () => {
    const expired = await predict(server.url!, { entities: [{ customer_id: 3 }] });
    expect([expired.status, expired.json.error.code, expired.json.error.field]).toEqual([422, 'unknown_entity', 'entities[0].a']);
    expect(expired.json.error.message).toBe('entities[0]: no online value of "a" for {"customer_id":3} (expired)');
    expect((await predict(server.url!, { entities: [{ customer_id: 99 }] })).json.error.message).toMatch(/\(missing\)$/);
    expect((await predict(server.url!, { entities: [{ customer: 1 }] })).json.error).toMatchObject({ code: 'missing_feature', field: 'entities[0].customer_id' });
  });

  it('/ready reports the feature store health', async () => {
    expect((await call(server.url!, 'GET', '/ready')).status).toBe(200);
    store.state.healthy = false;
    const res = await call(server.url!, 'GET', '/ready');
    store.state.healthy = true;
    expect(res.status).toBe(503);
    expect(res.json.checks.featureStore).toEqual({ ok: false, detail: 'redis: connection refused' });
  });

  it('a failing store is a 502 feature_lookup_failed', async () => {
    store.state.failing = true;
    const res = await predict(server.url!, { entities: [{ customer_id: 1 }] }).finally(() => (store.state.failing = false));
    expect([res.status, res.json.error.code]).toEqual([502, 'feature_lookup_failed']);
    expect(res.json.error.message).toBe('online features of "churn_v1" could not be read: redis: connection refused');
  });

  it('never becomes ready when the service does not cover the signature, naming missing and mistyped columns', async () => {
    store.state.columns.partial = ['a', 'b'];
    await expect(startServer({ modelFile: files.modelFile, signatureFile: files.signatureFile, features: { service: 'partial', entityKeys: ['customer_id'] } }, { featureStore: store })).rejects.toThrow(
      'model cannot be served from feature service "partial" (applied definitions v7): missing c',
    );
    store.state.columns.typed = ['a', 'b', 'c'];
    store.state.types = { b: 'string' };
    await expect(startServer({ modelFile: files.modelFile, signatureFile: files.signatureFile, features: { service: 'typed', entityKeys: ['customer_id'] } }, { featureStore: store }).finally(() => (store.state.types = {}))).rejects.toThrow(
      'model cannot be served from feature service "typed" (applied definitions v7): mistyped b (service string, model double)',
    );
    await expect(startServer({ modelFile: files.modelFile, signatureFile: files.signatureFile, features: { service: 'nope', entityKeys: ['customer_id'] } }, { featureStore: store })).rejects.toThrow('model: cannot read feature service "nope": unknown feature service "nope"');
  });
});
