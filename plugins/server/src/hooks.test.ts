import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHookBus, type HookBus, type PredictionsServedEvent } from '@mlops/core';
import { call, predict } from './__fixtures__/http';
import { memoryLogger, modelFiles, startServer } from './__fixtures__/startServer';
import type { HttpModelServer } from './HttpModelServer';

const row = { a: 1.5, b: -0.5, c: null };

describe('the predictionsServed hook', () => {
  let files: Awaited<ReturnType<typeof modelFiles>>;
  let server: HttpModelServer;
  let hooks: HookBus;
  const logger = memoryLogger();
  const seen: { rows: number; a: number[]; outputs: string[]; model: string; requests: PredictionsServedEvent['requests']; inferenceMs: number | undefined }[] = [];
  beforeAll(async () => {
    files = await modelFiles();
    hooks = createHookBus(logger);
    // A subscriber that works, and one that always throws: the second must break no request.
    hooks.on('predictionsServed', (e: PredictionsServedEvent) => void seen.push({ rows: e.rows, a: Array.from(e.inputs.a!.data as Float32Array), outputs: Object.keys(e.outputs).sort(), model: e.model.name, requests: e.requests, inferenceMs: e.inferenceMs }));
    hooks.on('predictionsServed', () => {
      throw new Error('monitor is down');
    });
    server = await startServer({ modelFile: files.modelFile, signatureFile: files.signatureFile }, { hooks, logger });
  });
  afterAll(async () => {
    await server.close();
    await rm(files.dir, { recursive: true, force: true });
  });

  it('announces each inference call as columns, after the response; a throwing subscriber breaks no request and shows in /metrics', async () => {
    const one = await predict(server.url!, { row }, { 'x-request-id': 'hook-1' });
    expect(one.status).toBe(200);
    const two = await predict(server.url!, { rows: [row, { a: -2, b: 1.5, c: 0.3 }] });
    expect(two.status).toBe(200);
    await hooks.flush();
    expect(seen.map((s) => [s.rows, s.a, s.model])).toEqual([
      [1, [1.5], 'model'],
      [2, [1.5, -2], 'model'],
    ]);
    expect(seen[0]!.outputs.length).toBeGreaterThan(0);
    // Each call names its requests (the client's id, or the one the server answered with) and their latency.
    expect(seen[0]!.requests).toEqual([{ id: 'hook-1', rows: 1, latencyMs: expect.any(Number) }]);
    expect(seen[1]!.requests).toEqual([{ id: two.headers['x-request-id'], rows: 2, latencyMs: expect.any(Number) }]);
    for (const s of seen) {
      expect(s.requests![0]!.latencyMs).toBeGreaterThanOrEqual(s.inferenceMs!);
      expect(s.inferenceMs).toBeGreaterThan(0);
    }
    expect(hooks.stats().errors).toEqual({ predictionsServed: 2 });
    expect(logger.lines).toContain('warn a "predictionsServed" hook failed (1 failure so far): monitor is down');
    const metrics = (await call(server.url!, 'GET', '/metrics')).text;
    expect(metrics).toContain('mlops_hook_errors_total{hook="predictionsServed"} 2');
    expect(metrics).toContain('mlops_hook_dropped_rows_total 0');
  });
});
