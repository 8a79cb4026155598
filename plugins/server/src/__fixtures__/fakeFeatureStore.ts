import type { FeatureStore, OnlineFeaturesRequest, OnlineFeaturesResult } from '@mlops/core';

/** An online store in memory: features a, b, c per customer; customer 3 has an expired `a`. */
export function fakeFeatureStore() {
  const table: Record<string, Record<string, number | null>> = { '1': { a: 1.5, b: -0.5, c: null }, '2': { a: -2, b: 1.5, c: 0.3 }, '3': { a: null, b: 0, c: 0 } };
  const state = { healthy: true, failing: false, requests: [] as OnlineFeaturesRequest[], columns: { churn_v1: ['a', 'b', 'c'] } as Record<string, string[]>, types: {} as Record<string, 'float' | 'int' | 'string' | 'bool'> };
  const store = {
    state,
    /** The applied definitions: each service's columns (float unless `types` says otherwise). */
    async describeService(name: string) {
      const columns = state.columns[name];
      if (!columns) throw new Error(`unknown feature service "${name}"`);
      return { service: name, version: 7, digest: 'sha256:d', entityKeys: ['customer_id'], columns: columns.map((c) => ({ name: c, type: state.types[c] ?? ('float' as const) })) };
    },
    health: () => (state.healthy ? { ok: true } : { ok: false, detail: 'redis: connection refused' }),
    async getOnlineFeatures(request: OnlineFeaturesRequest): Promise<OnlineFeaturesResult> {
      state.requests.push(request);
      if (state.failing) throw new Error('redis: connection refused');
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

