import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createRuntime, isPlugin, pluginsInModule, resolveConfig, silentLogger, tokens, type PredictionsServedEvent } from '@mlops/core';
import { openSqlMetadataStore, sqlHandleOf } from '@mlops/sql-metadata';
import { memoryArtifactStore, memoryMetadataStore } from '@mlops/testkit';
import { servedEvent } from './__fixtures__/logSubjects';
import * as mod from './index';
import { monitor } from './plugin';
import { PredictionLog } from './PredictionLog';
import { readPredictionLog } from './readPredictionLog';

describe('monitor plugin', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mlops-monitor-plugin-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('provides the monitor, requires the database, and is found in its package module', () => {
    expect(isPlugin(monitor)).toBe(true);
    expect(monitor.provides).toBe(tokens.monitor);
    expect(monitor.requires).toEqual([tokens.database]);
    expect(pluginsInModule(mod as unknown as Record<string, unknown>)).toEqual([monitor]);
  });

  it('records what the runtime announces next to the SQLite metadata store; a malformed event fails its hook call only', async () => {
    const path = join(dir, 'runtime.sqlite');
    const config = await resolveConfig(
      { stateDir: dir, plugins: { artifactStore: memoryArtifactStore, metadataStore: { use: '@mlops/storage-local', options: { path } }, monitor: { use: monitor, options: { flushIntervalMs: 50 } } } },
      join(__dirname, 'mlops.config.ts'),
      {},
    );
    const runtime = await createRuntime(config, { logger: silentLogger });
    const log = runtime.get(tokens.monitor) as unknown as PredictionLog;
    expect(log).toBeInstanceOf(PredictionLog);
    runtime.hooks.announce('predictionsServed', servedEvent([2, 1]), 3);
    runtime.hooks.announce('predictionsServed', { rows: 1 } as PredictionsServedEvent, 1);
    runtime.hooks.announce('predictionsServed', servedEvent([1], { idPrefix: 'after' }), 1);
    await runtime.close();
    expect(runtime.hooks.stats().errors).toEqual({ predictionsServed: 1 });
    expect(log.stats()).toMatchObject({ written: 4, dropped: 0, buffered: 0 });
    const store = openSqlMetadataStore({ kind: 'sqlite', path });
    await store.start();
    expect((await readPredictionLog(sqlHandleOf(store.database, 'test'))).map((c) => c.requests!.map((r) => r.id))).toEqual([['req-0', 'req-1', 'after-0']]);
    expect(await store.database.getClient()('mlops_monitor_migrations').pluck('name')).toEqual(['0001_prediction_log', '0002_monitor_profiles_alerts']);
    await store.close();
  });

  it('names the option, what it expects and what it got', async () => {
    const bad = (options: Record<string, unknown>) => resolveConfig({ plugins: { artifactStore: memoryArtifactStore, metadataStore: memoryMetadataStore, monitor: { use: monitor, options } } }, join(dir, 'mlops.config.ts'), {});
    await expect(bad({ sampleRate: 0 })).rejects.toThrow(/mlops\.config\.ts: plugins\.monitor\.options\.sampleRate: expected a positive number, received 0$/);
    await expect(bad({ sampleRate: 1.5 })).rejects.toThrow(/plugins\.monitor\.options\.sampleRate: expected .*1.*received 1\.5/);
    await expect(bad({ maxBufferedRows: 10, batchRows: 100 })).rejects.toThrow(/plugins\.monitor\.options\.maxBufferedRows: expected at least batchRows \(a full flush must fit in the buffer\), received 10$/);
    await expect(bad({ sampelRate: 0.5 })).rejects.toThrow(/plugins\.monitor\.options.*sampelRate/);
    await expect(bad({ rules: [{ kind: 'baseline-shift', k: -1 }] })).rejects.toThrow(/plugins\.monitor\.options\.rules\[0\]\.k: expected a positive number, received -1$/);
    await expect(bad({ rules: [{ kind: 'drift' }] })).rejects.toThrow(/plugins\.monitor\.options\.rules\[0\]\.kind: /);
    await expect(bad({ rules: [{ kind: 'threshold', column: 'x', statistic: 'mean' }] })).rejects.toThrow(/plugins\.monitor\.options\.rules\[0\]\.above: expected above or below \(a threshold rule needs a bound\)/);
    await expect(bad({ drift: { columns: { age: { test: 'kss' } } } })).rejects.toThrow(/plugins\.monitor\.options\.drift\.columns\.age\.test: /);
    await expect(bad({ flushIntervalMs: 60_000 })).rejects.toThrow(/plugins\.monitor\.options\.settleMs: expected at least flushIntervalMs/);
  });

  it('is reported by config resolution when the metadata store provides no database', async () => {
    const config = resolveConfig({ plugins: { metadataStore: memoryMetadataStore, artifactStore: memoryArtifactStore, monitor } }, join(dir, 'mlops.config.ts'), {});
    await expect(config).rejects.toMatchObject({ code: 'E_MISSING_DEPENDENCY' });
  });
});
