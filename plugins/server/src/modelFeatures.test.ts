import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fakeFeatureStore } from './__fixtures__/fakeFeatureStore';
import { call, predict } from './__fixtures__/http';
import { registryProject, type RegistryProject } from './__fixtures__/registryProject';
import { startServer } from './__fixtures__/startServer';

const trainedOn = (service: string) => ({ service, definitionsVersion: 7, definitionsDigest: 'sha256:d', entityKeys: ['customer_id'] });

describe('the model version knows its features', () => {
  let project: RegistryProject;
  const store = fakeFeatureStore();
  beforeAll(async () => {
    project = await registryProject();
  });
  afterAll(() => project.close());

  it('derives the lookup from the registered version, and refuses to switch to a version its service cannot feed', async () => {
    const v1 = await project.register('scored', 0, trainedOn('churn_v1'));
    await project.promote('scored', v1);
    // No `features` option: the service and entity keys come from the version.
    const server = await startServer({ model: 'scored@champion', reloadIntervalMs: 0 }, { ...project.services, featureStore: store });
    try {
      const byEntity = await predict(server.url!, { entities: [{ customer_id: 1 }] });
      expect(byEntity.status).toBe(200);
      expect(byEntity.json).toEqual((await predict(server.url!, { row: { a: 1.5, b: -0.5, c: null } })).json);
      expect(store.state.requests.at(-1)!.featureService).toBe('churn_v1');

      store.state.columns.churn_v2 = ['a', 'c'];
      const v2 = await project.register('scored', 2, trainedOn('churn_v2'));
      await project.promote('scored', v2);
      await expect(server.reload()).rejects.toThrow('scored v2 cannot be served from feature service "churn_v2" (applied definitions v7): missing b');
      // The old version keeps serving, entities included.
      expect((await call(server.url!, 'GET', '/model')).json).toMatchObject({ name: 'scored', version: 1 });
      expect((await predict(server.url!, { entities: [{ customer_id: 1 }] })).json).toEqual(byEntity.json);
      expect((await call(server.url!, 'GET', '/metrics')).text).toMatch(/mlops_model_reloads_total\{role="primary",result="failed"\} 1/);
    } finally {
      await server.close();
    }
  });
});
