import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { FeatureStore, OnlineStore } from '@mlops/core';
import { RedisOnlineStore, redisOnlineStoreOptions } from '@mlops/online-store-redis';
import { describeWithService, tcpTargetOfUrl, uniqueTestName } from '@mlops/testkit';
import { feedSpecs } from '@mlops/serving';
import { signature } from './__fixtures__/servingModel';
import { call, predict } from './__fixtures__/http';
import { realFeatureStore } from './__fixtures__/realFeatureStore';
import { modelFiles, startServer } from './__fixtures__/startServer';
import { lookupFeatures } from './lib/lookupFeatures';

const redisUrl = process.env.MLOPS_TEST_REDIS_URL || 'redis://127.0.0.1:6379';

/** The same assertions on the embedded SQL online store and on Redis. */
function entityKeyCases(name: string, makeOnline: () => OnlineStore | undefined) {
  describe(`entity keys with a lone UTF-16 surrogate (${name} online store)`, () => {
    let files: Awaited<ReturnType<typeof modelFiles>>;
    let fs: { store: FeatureStore; close: () => Promise<void> };
    let online: OnlineStore | undefined;
    let server: Awaited<ReturnType<typeof startServer>>;
    beforeAll(async () => {
      online = makeOnline();
      await online?.start?.();
      fs = await realFeatureStore(online);
      files = await modelFiles();
      server = await startServer({ modelFile: files.modelFile, signatureFile: files.signatureFile, features: { service: 'vitals_svc', entityKeys: ['patient_id'] } }, { featureStore: fs.store });
    });
    afterAll(async () => {
      // Guarded: when beforeAll failed half-way, what did open still closes, so jest can exit.
      await server?.close();
      await fs?.close();
      await online?.deleteView('vitals');
      await online?.close?.();
      if (files) await rm(files.dir, { recursive: true, force: true });
    });

    it('a request is a 422 naming the field, and the server keeps serving', async () => {
      const ok = await predict(server.url!, { entities: [{ patient_id: 1 }] });
      expect(ok.status).toBe(200);
      // JSON.stringify escapes the lone surrogate as \ud800: the body is valid JSON that parses back to it.
      const bad = await call(server.url!, 'POST', '/predict', { raw: '{"entities":[{"patient_id":1},{"patient_id":"x\\ud800"}]}', headers: { 'content-type': 'application/json' } });
      expect([bad.status, bad.json.error.code, bad.json.error.field]).toEqual([422, 'invalid_value', 'entities[1].patient_id']);
      expect(bad.json.error.message).toBe('entities[1].patient_id: expected a well-formed string, found a lone UTF-16 surrogate at index 1 (it has no UTF-8 encoding)');
      expect((await predict(server.url!, { entities: [{ patient_id: '1' }] })).json).toEqual(ok.json);
    });

    it('the store itself refuses the key as bad input, which the lookup maps to 422, not 502', async () => {
      const lookup = lookupFeatures(fs.store, 'vitals_svc', [{ patient_id: '\udc00' }], feedSpecs(signature));
      await expect(lookup).rejects.toMatchObject({ code: 'invalid_value', status: 422, field: 'entities', message: 'entities: the feature store refused the request: entity key patient_id: expected a well-formed string, received a lone UTF-16 surrogate at index 0' });
    });
  });
}

entityKeyCases('embedded', () => undefined);
describeWithService('redis', tcpTargetOfUrl(redisUrl, 6379), () => {
  entityKeyCases('Redis', () => new RedisOnlineStore(redisOnlineStoreOptions.parse({ url: redisUrl, keyPrefix: uniqueTestName('mlops_test_server') })));
});
