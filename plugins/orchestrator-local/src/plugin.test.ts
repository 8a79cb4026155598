import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { createRuntime, definePlugin, isPlugin, pluginsInModule, resolveConfig, silentLogger, tokens, type Alert } from '@mlops/core';
import { memoryArtifactStore, memoryMetadataStore } from '@mlops/testkit';
import * as mod from './index';
import { orchestratorLocal } from './plugin';

const dir = mkdtempSync(join(tmpdir(), 'mlops-orch-local-plugin-'));
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

describe('orchestrator-local plugin', () => {
  it('provides the orchestrator, requires the database and the metadata store, and is found in its package module', () => {
    expect(isPlugin(orchestratorLocal)).toBe(true);
    expect(orchestratorLocal.provides).toBe(tokens.orchestrator);
    expect(orchestratorLocal.requires).toEqual([tokens.database, tokens.metadataStore]);
    expect(pluginsInModule(mod as unknown as Record<string, unknown>)).toEqual([orchestratorLocal]);
  });

  it('fills an unset orchestrator slot where the metadata store is SQL, and leaves it empty (no error) where it is not', async () => {
    const sqlite = await resolveConfig({ plugins: { metadataStore: { use: '@mlops/storage-local', options: { path: join(dir, 'default.sqlite') } } } }, configFile, {});
    expect(sqlite.plugins.map((p) => `${p.slot}:${p.source}`)).toEqual(['artifactStore:@mlops/storage-local', 'metadataStore:@mlops/storage-local', 'orchestrator:@mlops/orchestrator-local']);
    const memory = await resolveConfig({ plugins: { artifactStore: memoryArtifactStore, metadataStore: memoryMetadataStore } }, configFile, {});
    expect(memory.plugins.map((p) => p.slot)).toEqual(['artifactStore', 'metadataStore']);
    // `false` opts out: no orchestrator even on SQL.
    const off = await resolveConfig({ plugins: { metadataStore: { use: '@mlops/storage-local', options: { path: join(dir, 'off.sqlite') } }, orchestrator: false } }, configFile, {});
    expect(off.plugins.map((p) => p.slot)).toEqual(['artifactStore', 'metadataStore']);
    // A command asking for a few slots only (`mlops runs ls`) never loads it.
    const few = await resolveConfig({}, configFile, {}, { slots: ['metadataStore'] });
    expect(few.plugins.map((p) => p.slot)).toEqual(['metadataStore']);
  });

  it('names the option, what it expects and what it got', async () => {
    const bad = (options: Record<string, unknown>) => resolveConfig({ plugins: { artifactStore: memoryArtifactStore, orchestrator: { use: orchestratorLocal, options } } }, configFile, {});
    await expect(bad({ heartbeatMs: 1000, staleAfterMs: 1500 })).rejects.toThrow(/mlops\.config\.ts: plugins\.orchestrator\.options\.staleAfterMs: expected more than twice heartbeatMs \(1000\), received 1500/);
    await expect(bad({ schedules: { weekly: { pipeline: 'retrain', cron: '0 2 * * 0', catchUp: 'sometimes' } } })).rejects.toThrow(/plugins\.orchestrator\.options\.schedules\.weekly\.catchUp: expected .*"skip".*"once".*"backfill"/);
    await expect(bad({ concurency: 2 })).rejects.toThrow(/plugins\.orchestrator\.options.*concurency/);
    await expect(bad({ steps: { 'retrain.notify': { isolation: 'thread' } } })).rejects.toThrow(/plugins\.orchestrator\.options\.steps\.retrain\.notify\.isolation: expected one of "process", "inline", received "thread"$/);
  });

  it('rejects a bad cron expression when the runtime creates it, naming the schedule', async () => {
    const config = await resolveConfig({ plugins: { artifactStore: memoryArtifactStore, metadataStore: { use: '@mlops/storage-local', options: { path: join(dir, 'cron.sqlite') } }, orchestrator: { use: orchestratorLocal, options: { schedules: { weekly: { pipeline: 'retrain', cron: '0 25 * * 0' } } } } } }, configFile, {});
    await expect(createRuntime(config, { logger: silentLogger })).rejects.toThrow(/plugins\.orchestrator\.options\.schedules\.weekly\.cron: expected a cron expression of 5 fields \(or 6 with seconds\)/);
  });

  it('another plugin triggers a retrain through tokens.orchestrator; a repeated alert asks for one run, queued for the scheduler', async () => {
    const config = await resolveConfig({ plugins: { artifactStore: memoryArtifactStore, metadataStore: { use: '@mlops/storage-local', options: { path: join(dir, 'trigger.sqlite') } }, orchestrator: orchestratorLocal, alertSink: retrainOnAlert } }, configFile, {});
    const runtime = await createRuntime(config, { logger: silentLogger });
    try {
      const sink = runtime.get(tokens.alertSink);
      const alert: Alert = { severity: 'warning', title: 'drift on feature age', labels: { window: '2026-12-03T10' } };
      await sink.send(alert);
      await sink.send(alert);
      const orchestrator = runtime.get(tokens.orchestrator);
      const runs = await orchestrator.listRuns();
      expect(runs.map((r) => ({ pipeline: r.pipeline, key: r.idempotencyKey, trigger: r.trigger, status: r.status }))).toEqual([{ pipeline: 'retrain', key: 'drift:2026-12-03T10', trigger: { kind: 'alert', source: 'monitor', detail: { title: 'drift on feature age' } }, status: 'running' }]);
      expect(await runtime.get(tokens.metadataStore).getRun(runs[0].id)).toMatchObject({ pipeline: 'retrain', tags: { trigger: 'alert' } });
      // Nobody serves: its planning step waits for `mlops scheduler`.
      expect(await orchestrator.queueStatus()).toEqual({ jobs: { waiting: 1, delayed: 0, active: 0 }, runs: { running: 1 }, workers: [] });
      expect(orchestrator.embedded).toBe(true);
    } finally {
      await runtime.close();
    }
  });
});
