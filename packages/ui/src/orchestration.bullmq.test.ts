import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import { createRuntime, resolveConfig, silentLogger, tokens, type Runtime } from '@mlops/core';
import { describeWithService, memoryArtifactStore, tcpTargetOfUrl, uniqueTestName } from '@mlops/testkit';
import { createUiServer, type UiServer } from './createUiServer';
import { queueStatusTimeoutMs } from './sections/orchestration/orchestrationOverview';
import { uiServicesFromRuntime } from './uiServicesFromRuntime';

// The orchestration section with `@mlops/orchestrator-bullmq` configured (named in the config, as
// users do; the dashboard reads it through core's Orchestrator contract): BullMQ's own job counts.
const redisUrl = process.env.MLOPS_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describeWithService('redis', tcpTargetOfUrl(redisUrl, 6379), () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlops-ui-bullmq-'));
  const prefix = uniqueTestName('ui');
  let runtime: Runtime;
  let server: UiServer;
  const api = async (path: string) => (await fetch(`${server.url}/api/${path}`)).json() as Promise<any>;

  beforeAll(async () => {
    const config = await resolveConfig(
      {
        project: 'ui-bullmq',
        plugins: {
          artifactStore: memoryArtifactStore,
          metadataStore: { use: '@mlops/storage-local', options: { path: join(dir, 'metadata.sqlite') } },
          orchestrator: { use: '@mlops/orchestrator-bullmq', options: { redisUrl, prefix, schedules: { weekly: { pipeline: 'retrain', cron: '0 2 * * 0', catchUp: 'once' } } } },
        },
      },
      join(__dirname, 'mlops.config.ts'),
      {},
    );
    runtime = await createRuntime(config, { logger: silentLogger });
    server = await createUiServer(uiServicesFromRuntime(runtime), { port: 0 });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await runtime?.close();
    const queue = new Queue('pipeline-steps', { connection: { host: new URL(redisUrl).hostname, port: Number(new URL(redisUrl).port || 6379) }, prefix });
    await queue.obliterate({ force: true });
    await queue.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("shows BullMQ's job counts, the schedule and a submitted run waiting for a worker", async () => {
    const before = await api('orchestration');
    expect(before.queue).toEqual({ jobs: { waiting: 0, active: 0, delayed: 0, prioritized: 0, completed: 0, failed: 0 }, runs: {}, workers: [] });
    expect(before.schedules).toEqual([expect.objectContaining({ name: 'weekly', pipeline: 'retrain', cron: '0 2 * * 0', timeZone: 'UTC', catchUp: 'once', lastFiredFor: null })]);
    expect(new Date(before.schedules[0].nextFireAt).getUTCDay()).toBe(0);
    const { run } = await runtime.get(tokens.orchestrator).submit({ pipeline: 'retrain', trigger: { kind: 'manual', source: 'ui-test' } });
    const after = await api('orchestration');
    expect(after.queue).toMatchObject({ jobs: { waiting: 1, active: 0 }, runs: { running: 1 } });
    expect(after.runs.map((r: { id: string; status: string; trigger: { source: string } }) => [r.id, r.status, r.trigger.source])).toEqual([[run.id, 'running', 'ui-test']]);
    expect((await api('meta')).sections.map((s: { id: string }) => s.id)).toContain('orchestration');
  });

  it('still shows schedules and runs when the queue does not answer (Redis unreachable), saying why', async () => {
    // A port nothing listens on: BullMQ's commands wait for a connection that never comes.
    const config = await resolveConfig(
      { plugins: { artifactStore: memoryArtifactStore, metadataStore: { use: '@mlops/storage-local', options: { path: join(dir, 'down.sqlite') } }, orchestrator: { use: '@mlops/orchestrator-bullmq', options: { redisUrl: 'redis://127.0.0.1:1', prefix } } } },
      join(__dirname, 'mlops.config.ts'),
      {},
    );
    const down = await createRuntime(config, { logger: silentLogger });
    const ui = await createUiServer(uiServicesFromRuntime(down), { port: 0 });
    try {
      const started = Date.now();
      const body = (await (await fetch(`${ui.url}/api/orchestration`)).json()) as { queue: unknown; queueError: string; runs: unknown[]; schedules: unknown[] };
      expect(body).toEqual({ queue: null, queueError: `the orchestrator's queue did not answer within ${queueStatusTimeoutMs} ms (is its Redis reachable?)`, schedules: [], runs: [] });
      expect(Date.now() - started).toBeLessThan(queueStatusTimeoutMs + 2000);
    } finally {
      await ui.close();
      // Closing waits for Redis too: give it a moment, then let the process end it.
      await Promise.race([down.close(), new Promise((r) => setTimeout(r, 1000))]);
    }
  }, 30_000);
});
