import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import { createRuntime, definePlugin, isPlugin, pluginsInModule, resolveConfig, silentLogger, tokens, type Alert } from '@mlops/core';
import { describeWithService, memoryArtifactStore, tcpTargetOfUrl, uniqueTestName } from '@mlops/testkit';
import * as mod from './index';
import { orchestratorBullmq } from './plugin';

const redisUrl = process.env.MLOPS_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const dir = mkdtempSync(join(tmpdir(), 'mlops-orch-plugin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// Beside this file, so plugin packages named in the config resolve from the repository.
const configFile = join(__dirname, 'mlops.config.ts');

/** Stands for the monitor: on a drift alert it asks for a retrain through the typed token. */
const retrainOnAlert = definePlugin({
  name: 'retrain-on-alert',
  provides: tokens.alertSink,
  requires: [tokens.orchestrator],
  create: (ctx) => {
    const orchestrator = ctx.resolve(tokens.orchestrator);
    return {
      async send(alert: Alert) {
        await orchestrator.submit({ pipeline: 'retrain', idempotencyKey: `drift:${alert.labels?.window}`, trigger: { kind: 'alert', source: 'monitor', detail: { title: alert.title } } });
      },
    };
  },
});

describe('orchestrator-bullmq plugin', () => {
  it('provides the orchestrator, requires the database and the metadata store, and is found in its package module', () => {
    expect(isPlugin(orchestratorBullmq)).toBe(true);
    expect(orchestratorBullmq.provides).toBe(tokens.orchestrator);
    expect(orchestratorBullmq.requires).toEqual([tokens.database, tokens.metadataStore]);
    expect(pluginsInModule(mod as unknown as Record<string, unknown>)).toEqual([orchestratorBullmq]);
  });

  it('names the option, what it expects and what it got', async () => {
    const bad = (options: Record<string, unknown>) => resolveConfig({ plugins: { artifactStore: memoryArtifactStore, orchestrator: { use: orchestratorBullmq, options } } }, configFile, {});
    await expect(bad({ redisUrl: 'localhost:6379' })).rejects.toThrow(/mlops\.config\.ts: plugins\.orchestrator\.options\.redisUrl: expected a redis:\/\/ or rediss:\/\/ URL, received "localhost:6379"$/);
    await expect(bad({ schedules: { weekly: { pipeline: 'retrain', cron: '0 2 * * 0', timeZone: 'Mars/Olympus' } } })).rejects.toThrow(/plugins\.orchestrator\.options\.schedules\.weekly\.timeZone: expected an IANA time zone such as "UTC" or "Europe\/Berlin", received "Mars\/Olympus"$/);
    await expect(bad({ concurency: 2 })).rejects.toThrow(/plugins\.orchestrator\.options.*concurency/);
    await expect(bad({ steps: { 'retrain.notify': { isolation: 'thread' } } })).rejects.toThrow(/mlops\.config\.ts: plugins\.orchestrator\.options\.steps\.retrain\.notify\.isolation: expected one of "process", "inline", received "thread"$/);
    await expect(bad({ defaults: { isolation: 'worker' } })).rejects.toThrow(/plugins\.orchestrator\.options\.defaults\.isolation: expected one of "process", "inline", received "worker"$/);
  });

  it('rejects a bad cron expression when the runtime creates it, naming the schedule', async () => {
    const config = await resolveConfig({ plugins: { artifactStore: memoryArtifactStore, metadataStore: { use: '@mlops/storage-local', options: { path: join(dir, 'cron.sqlite') } }, orchestrator: { use: orchestratorBullmq, options: { schedules: { weekly: { pipeline: 'retrain', cron: '0 25 * * 0' } } } } } }, configFile, {});
    await expect(createRuntime(config, { logger: silentLogger })).rejects.toThrow(/plugins\.orchestrator\.options\.schedules\.weekly\.cron: expected a cron expression of 5 fields \(or 6 with seconds\), e\.g\. "0 2 \* \* 0" \(.*hour.*\), received "0 25 \* \* 0"/);
  });

  describeWithService('redis', tcpTargetOfUrl(redisUrl, 6379), () => {
    it('another plugin triggers a retrain through tokens.orchestrator; a repeated alert asks for one run', async () => {
      const prefix = uniqueTestName('orch');
      const config = await resolveConfig(
        { plugins: { artifactStore: memoryArtifactStore, metadataStore: { use: '@mlops/storage-local', options: { path: join(dir, 'trigger.sqlite') } }, orchestrator: { use: orchestratorBullmq, options: { redisUrl, prefix } }, alertSink: retrainOnAlert } },
        configFile,
        {},
      );
      const runtime = await createRuntime(config, { logger: silentLogger });
      try {
        const sink = runtime.get(tokens.alertSink);
        const alert: Alert = { severity: 'warning', title: 'drift on feature age', labels: { window: '2026-12-03T10' } };
        await sink.send(alert);
        await sink.send(alert);
        const runs = await runtime.get(tokens.orchestrator).listRuns();
        expect(runs.map((r) => ({ pipeline: r.pipeline, key: r.idempotencyKey, trigger: r.trigger }))).toEqual([{ pipeline: 'retrain', key: 'drift:2026-12-03T10', trigger: { kind: 'alert', source: 'monitor', detail: { title: 'drift on feature age' } } }]);
        // The run is in the metadata store too (`mlops runs show`), tagged with its trigger.
        expect(await runtime.get(tokens.metadataStore).getRun(runs[0].id)).toMatchObject({ pipeline: 'retrain', tags: { trigger: 'alert' } });
        expect(await runtime.get(tokens.orchestrator).queueStatus()).toMatchObject({ jobs: { waiting: 1 }, runs: { running: 1 }, workers: [] });
      } finally {
        await runtime.close();
        const queue = new Queue('pipeline-steps', { connection: { host: new URL(redisUrl).hostname, port: Number(new URL(redisUrl).port || 6379) }, prefix });
        await queue.obliterate({ force: true });
        await queue.close();
      }
    });
  });
});
