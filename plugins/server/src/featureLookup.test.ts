import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { FeatureStore, OnlineFeaturesRequest, OnlineFeaturesResult } from '@mlops/core';
import { call, predict } from './__fixtures__/http';
import { modelFiles, startServer } from './__fixtures__/startServer';
import type { HttpModelServer } from './HttpModelServer';

/** An online store in memory: features a, b, c per customer; customer 3 has an expired `a`. */
function fakeFeatureStore() {
  const table: Record<string, Record<string, number | null>> = { '1': { a: 1.5, b: -0.5, c: null }, '2': { a: -2, b: 1.5, c: 0.3 }, '3': { a: null, b: 0, c: 0 } };
  const state = { healthy: true, requests: [] as OnlineFeaturesRequest[] };
  const store = {
    state,
    health: () => (state.healthy ? { ok: true } : { ok: false, detail: 'redis: connection refused' }),
    async getOnlineFeatures(request: OnlineFeaturesRequest): Promise<OnlineFeaturesResult> {
      state.requests.push(request);
      if (request.featureService !== 'churn_v1') throw new Error(`unknown feature service "${request.featureService}"`);
      const features = ['a', 'b', 'c'];
      const rows = request.entities.map((e) => table[String(e.customer_id)]);
      return {
        features,
        values: Object.fromEntries(features.map((f) => [f, rows.map((r) => r?.[f] ?? null)])),
        status: Object.fromEntries(features.map((f) => [f, rows.map((r) => (!r ? 'missing' : r[f] === null ? 'expired' : 'present'))])),
        ageMs: Object.fromEntries(features.map((f) => [f, rows.map(() => 1000)])),
      };
    },
  };
  return store as typeof store & FeatureStore;
}

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
    const other = await startServer({ modelFile: files.modelFile, signatureFile: files.signatureFile, features: { service: 'nope', entityKeys: ['customer_id'] } }, { featureStore: store });
    try {
      const res = await predict(other.url!, { entities: [{ customer_id: 1 }] });
      expect([res.status, res.json.error.code]).toEqual([502, 'feature_lookup_failed']);
      expect(res.json.error.message).toBe('online features of "nope" could not be read: unknown feature service "nope"');
    } finally {
      await other.close();
    }
  });
});
