import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { call } from './__fixtures__/http';
import { hammer } from './__fixtures__/hammer';
import { registryProject, type RegistryProject } from './__fixtures__/registryProject';
import { startServer } from './__fixtures__/startServer';

const row = { a: 0.2, b: 0.1, c: 0.5 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await sleep(20);
  }
}

describe('hot reload from the registry', () => {
  let project: RegistryProject;
  beforeAll(async () => {
    project = await registryProject();
  });
  afterAll(() => project.close());

  it('follows a promotion and a rollback of the alias under load without a failed request', async () => {
    const v1 = await project.register('churn', 0);
    await project.promote('churn', v1);
    const server = await startServer({ model: 'churn@champion', reloadIntervalMs: 25 }, project.services);
    const url = server.url!;
    try {
      expect((await call(url, 'GET', '/model')).json).toMatchObject({ name: 'churn', version: 1, alias: 'champion' });
      const load = hammer(url, 8, row);
      await sleep(300);
      const v2 = await project.register('churn', 2);
      await project.promote('churn', v2);
      await waitFor(async () => (await call(url, 'GET', '/model')).json.version === 2);
      await sleep(300);
      await project.services.registry!.rollback('churn', { reason: 'test rollback' });
      await waitFor(async () => (await call(url, 'GET', '/model')).json.version === 1);
      await sleep(300);
      const result = await load.stop();
      expect(result.failed).toEqual([]);
      expect(result.ok).toBeGreaterThan(100);
      // Both models answered: the probe row's probability took two distinct values, v1's, then v2's, then v1's again.
      const distinct = [...new Set(result.probes.map((p) => p.toFixed(6)))];
      expect(distinct).toHaveLength(2);
      const switches = result.probes.filter((p, i) => i > 0 && p.toFixed(6) !== result.probes[i - 1]!.toFixed(6)).length;
      expect(switches).toBeGreaterThanOrEqual(2);
      const metrics = (await call(url, 'GET', '/metrics')).text;
      expect(metrics).toMatch(/mlops_model_reloads_total\{role="primary",result="switched"\} 3/);
      expect(metrics).toMatch(/mlops_model_info\{role="primary",name="churn",version="1",alias="champion"/);
      expect(metrics).not.toMatch(/mlops_model_info\{role="primary",name="churn",version="2"/);
    } finally {
      await server.close();
    }
  });

  it('keeps serving the current model when the new version cannot be loaded', async () => {
    const v1 = await project.register('broken', 0);
    await project.promote('broken', v1);
    const server = await startServer({ model: 'broken@champion', reloadIntervalMs: 0, adminToken: 'x'.repeat(16) }, project.services);
    try {
      const artifacts = project.services.artifacts!;
      const junk = await artifacts.put(new TextEncoder().encode('not onnx'));
      const registry = project.services.registry!;
      const v2 = await registry.register({ name: 'broken', artifacts: { onnx: junk.digest }, signature: (await registry.resolve('broken@champion')).signature });
      await project.promote('broken', v2.version);
      const res = await call(server.url!, 'POST', '/admin/reload', { headers: { authorization: `Bearer ${'x'.repeat(16)}` } });
      expect(res.status).toBe(500);
      expect((await call(server.url!, 'GET', '/model')).json.version).toBe(1);
      expect((await call(server.url!, 'POST', '/predict', { body: { row } })).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
