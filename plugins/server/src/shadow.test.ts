import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { call, predict } from './__fixtures__/http';
import { registryProject, type RegistryProject } from './__fixtures__/registryProject';
import { servingModel } from './__fixtures__/servingModel';
import { slowRuntime } from './__fixtures__/slowRuntime';
import { startServer } from './__fixtures__/startServer';

const rows = Array.from({ length: 40 }, (_, i) => ({ a: (i % 9) / 2 - 2, b: ((i * 7) % 11) / 3 - 1.5, c: i % 5 === 0 ? null : i / 20 }));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function timed(url: string, n: number): Promise<{ ms: number[]; bodies: unknown[] }> {
  const ms: number[] = [];
  const bodies: unknown[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = await predict(url, { row: rows[i % rows.length] });
    ms.push(performance.now() - t);
    expect(res.status).toBe(200);
    bodies.push(res.json);
  }
  return { ms, bodies };
}

describe('shadow deployment', () => {
  let project: RegistryProject;
  let challengerBytes: Uint8Array;
  beforeAll(async () => {
    project = await registryProject();
    await project.promote('fraud', await project.register('fraud', 0));
    await project.promote('fraud', await project.register('fraud', 1.5), 'challenger');
    challengerBytes = await servingModel(1.5);
  });
  afterAll(() => project.close());

  it('mirrors requests to a slow candidate without changing answers or latency, and logs the comparison', async () => {
    const same = (b: Uint8Array) => b.byteLength === challengerBytes.byteLength && Buffer.compare(Buffer.from(b), Buffer.from(challengerBytes)) === 0;
    // The candidate takes 40 ms per call; the served model answers in well under a millisecond.
    const runtime = slowRuntime(project.services.runtime!, 40, same);
    const logFile = join(project.dir, 'shadow.jsonl');
    const plain = await startServer({ model: 'fraud@champion', reloadIntervalMs: 0 }, { ...project.services, runtime });
    const shadowed = await startServer({ model: 'fraud@champion', reloadIntervalMs: 0, shadow: { model: 'fraud@challenger', logFile, maxPending: 1000 } }, { ...project.services, runtime });
    try {
      expect((await call(shadowed.url!, 'GET', '/model')).json).toMatchObject({ version: 1, shadow: { name: 'fraud', version: 2, alias: 'challenger' } });
      await timed(plain.url!, 20);
      await timed(shadowed.url!, 20);
      const base = await timed(plain.url!, 40);
      const withShadow = await timed(shadowed.url!, 40);
      expect(withShadow.bodies).toEqual(base.bodies);
      // A 40 ms candidate on the response path would put the median above 40 ms.
      expect(median(withShadow.ms)).toBeLessThan(Math.max(3 * median(base.ms), median(base.ms) + 10));
      await shadowed.close();
      const lines = (await readFile(logFile, 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
      expect(lines.length).toBe(60);
      expect(lines[0]).toMatchObject({ requestId: expect.any(String), served: { version: 1 }, candidate: { version: 2, ms: expect.any(Number) }, rows: 1 });
      expect(lines.some((l) => l.maxAbsDiff > 0)).toBe(true);
      expect(lines.every((l) => l.candidate.ms >= 39)).toBe(true);
    } finally {
      await plain.close();
      await shadowed.close();
    }
  });

  it('records agreement and latency of both models as metrics, and drops copies when the candidate falls behind', async () => {
    const runtime = slowRuntime(project.services.runtime!, 50, (b) => b.byteLength === challengerBytes.byteLength && Buffer.compare(Buffer.from(b), Buffer.from(challengerBytes)) === 0);
    const server = await startServer({ model: 'fraud@champion', reloadIntervalMs: 0, shadow: { model: 'fraud@challenger', logFile: join(project.dir, 'm.jsonl'), maxPending: 2 } }, { ...project.services, runtime });
    try {
      await Promise.all(rows.map((row) => predict(server.url!, { row })));
      await new Promise((r) => setTimeout(r, 400));
      const text = (await call(server.url!, 'GET', '/metrics')).text;
      const value = (re: RegExp) => Number(text.match(re)?.[1] ?? 0);
      const same = value(/mlops_shadow_rows_total\{agreement="same"\} (\d+)/);
      const different = value(/mlops_shadow_rows_total\{agreement="different"\} (\d+)/);
      const dropped = value(/mlops_shadow_dropped_total\{reason="backlog"\} (\d+)/);
      expect(same + different + dropped).toBe(rows.length);
      expect(dropped).toBeGreaterThan(0);
      expect(text).toMatch(/mlops_shadow_inference_duration_seconds_count\{role="candidate"\} [1-9]/);
      expect(text).toMatch(/mlops_shadow_inference_duration_seconds_count\{role="served"\} [1-9]/);
      expect(text).toMatch(/mlops_model_info\{role="shadow",name="fraud",version="2",alias="challenger"/);
    } finally {
      await server.close();
    }
  });
});
