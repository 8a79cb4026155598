import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createRuntime, resolveConfig, silentLogger, tokens, type Runtime } from '@mlops/core';
import { monitor, type MonitorService, type WithFeedback } from '@mlops/monitor';
import { onnxRuntime } from '@mlops/runtime-onnx';
import { sqliteMetadataStore } from '@mlops/storage-local';
import { memoryArtifactStore } from '@mlops/testkit';
import { call, predict } from './__fixtures__/http';
import { modelFiles } from './__fixtures__/startServer';
import { signature } from './__fixtures__/servingModel';
import { httpServer } from './plugin';

/** The sample lines of one metric in a scrape. */
const series = (text: string, name: string) => text.split('\n').filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));
const valueIn = (text: string, line: string) => Number(series(text, line.split('{')[0]!.split(' ')[0]!).find((l) => l.startsWith(line))?.slice(line.length + 1));

describe('/metrics of `mlops serve` with the monitor plugin on SQLite', () => {
  let dir: string;
  let files: Awaited<ReturnType<typeof modelFiles>>;
  let runtime: Runtime;
  let url: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mlops-server-monitor-metrics-'));
    files = await modelFiles();
    const config = await resolveConfig(
      {
        stateDir: dir,
        plugins: {
          artifactStore: memoryArtifactStore,
          metadataStore: { use: sqliteMetadataStore, options: { path: join(dir, 'metadata.sqlite') } },
          monitor,
          modelRuntime: onnxRuntime,
          server: { use: httpServer, options: { modelFile: files.modelFile, signatureFile: files.signatureFile, port: 0, workers: 1, adminToken: 'metrics-admin-token-0123' } },
        },
      },
      join(dir, 'mlops.config.ts'),
    );
    runtime = await createRuntime(config, { logger: silentLogger });
    await runtime.get(tokens.server).listen();
    url = runtime.get(tokens.server).url!;
  });
  afterAll(async () => {
    await runtime?.close();
    await rm(dir, { recursive: true, force: true });
    await rm(files?.dir ?? '', { recursive: true, force: true });
  });

  it("shows the monitor's log counters and the performance it last computed, equal to the monitor's own numbers", async () => {
    const rows = [{ a: 1.5, b: 0.5, c: null }, { a: -1.5, b: 0.5, c: 0 }, { a: 1.2, b: 0.1, c: 1 }];
    const answer = await predict(url, { rows }, { 'x-request-id': 'mm-1' });
    expect(answer.status).toBe(200);
    const service = runtime.get(tokens.monitor) as unknown as WithFeedback<MonitorService>;
    await runtime.hooks.flush();
    await service.flush();
    await service.recordFeedback(rows.map((_, row) => ({ requestId: 'mm-1', row, label: 'pos' })));
    const perf = await service.windowPerformance({ model: 'model', signature });
    expect([perf.rows, perf.labelled]).toEqual([3, 3]);
    const text = (await call(url, 'GET', '/metrics')).text;
    expect(series(text, 'mlops_monitor_log_rows_written_total')).toEqual([`mlops_monitor_log_rows_written_total ${service.stats().written}`]);
    expect(service.stats().written).toBe(3);
    expect(series(text, 'mlops_monitor_log_rows_dropped_total')).toEqual(['mlops_monitor_log_rows_dropped_total 0']);
    expect(series(text, 'mlops_monitor_log_lag_seconds')).toEqual(['mlops_monitor_log_lag_seconds 0']);
    // Every label is "pos": realized accuracy is the share of rows the server answered "pos" for.
    const accuracy = valueIn(text, 'mlops_monitor_performance{kind="realized",metric="accuracy",model="model",version=""}');
    expect(accuracy).toBe((perf.realized!.metrics as { accuracy: number }).accuracy);
    expect(accuracy).toBeCloseTo(answer.json.predictions.filter((p: { label: string }) => p.label === 'pos').length / 3, 12);
    // The server's own metrics are still there, and the source answered in time.
    expect(series(text, 'mlops_predictions_total').length).toBeGreaterThan(0);
    expect(series(text, 'mlops_metrics_source_timeouts_total')).toEqual([]);
    if (spawnSync('promtool', ['--version']).status === 0) {
      const out = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
      expect({ status: out.status, problems: `${out.stdout}${out.stderr}` }).toEqual({ status: 0, problems: '' });
    }
  });
});
