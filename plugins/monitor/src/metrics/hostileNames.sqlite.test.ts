import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { renderMetricFamilies, tokens, type LoadedModel, type MetricsSource, type ModelSignature, type TensorValue } from '@mlops/core';
import { Frame } from '@mlops/frame';
import { normals, openMonitorProject, type MonitorProject } from '../__fixtures__/monitorScenario';
import { createReferenceProfile } from '../profiles/referenceProfile';

const minute = 60_000;
const T = Math.floor(Date.now() / (10 * minute)) * 10 * minute - 60 * minute;
// Feature names a user's data may well have: quotes, backslashes, a newline, non-ASCII.
const names = ['quo"ted', 'back\\slash', 'new\nline', 'größe 😀', '{le="1"}'];
const signature: ModelSignature = { task: 'binary', inputs: names.map((name) => ({ name, type: 'double' })), outputs: [{ name: 'probabilities', type: 'float', shape: [null, 2] }], classes: ['no', 'yes'] };
const model: LoadedModel = {
  inputs: names.map((name) => ({ name, type: 'float64', dims: [null, 1] })),
  outputs: [{ name: 'probabilities', type: 'float32', dims: [null, 2] }],
  async run(feeds) {
    const x = feeds[names[0]!]!.data as Float64Array;
    const probabilities = new Float32Array(x.length * 2);
    for (let i = 0; i < x.length; i++) {
      const p = 1 / (1 + Math.exp(-x[i]!));
      probabilities[2 * i] = 1 - p;
      probabilities[2 * i + 1] = p;
    }
    return { probabilities: { data: probabilities, dims: [x.length, 2] } };
  },
  async release() {},
};

describe('monitor metrics with hostile feature names, on SQLite', () => {
  let dir: string;
  let p: MonitorProject;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mlops-monitor-hostile-'));
    p = await openMonitorProject({ use: '@mlops/storage-local', options: { path: join(dir, 'metadata.sqlite') } }, { flushIntervalMs: 50, settleMs: 50, windowMs: 10 * minute, profileIntervalMs: minute, minRows: 100 });
  });
  afterAll(async () => {
    await p?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const promtool = spawnSync('promtool', ['--version']).status === 0;
  (promtool ? it : it.skip)('every column is exported under its own name, escaped, and the scrape passes `promtool check metrics`', async () => {
    const columns = names.map((_, j) => normals(3000, j, 1, 300 + j));
    const training = Frame.fromRows(Array.from({ length: 3000 }, (_, i) => Object.fromEntries(names.map((n, j) => [n, columns[j]![i]!]))), Object.fromEntries(names.map((n) => [n, 'float64' as const])));
    const store = p.runtime.get(tokens.artifactStore);
    const reference = await store.put(new TextEncoder().encode(JSON.stringify(await createReferenceProfile(model, signature, training))));
    const onnx = await store.put(new TextEncoder().encode('stand-in'));
    const registry = p.runtime.get(tokens.modelRegistry);
    const v = await registry.register({ name: 'hostile', artifacts: { onnx: onnx.digest, reference: reference.digest }, signature });
    for (let i = 0; i < 5; i++) {
      const inputs: Record<string, TensorValue> = Object.fromEntries(names.map((n, j) => [n, { data: normals(100, j + 2, 1, 500 + 10 * i + j), dims: [100, 1] }]));
      const outputs = await model.run(inputs);
      const requests = Array.from({ length: 100 }, (_, r) => ({ id: `h-${i}-${r}`, rows: 1, latencyMs: 1 }));
      p.runtime.hooks.announce('predictionsServed', { model: { name: 'hostile', version: v.version, alias: null, digest: 'd', signature, loadedAt: 0 } as never, rows: 100, inputs, outputs, servedAt: T + i * minute, requests, inferenceMs: 0.1 }, 100);
    }
    await p.runtime.hooks.flush();
    await p.monitor.flush();
    const evaluation = await p.monitor.evaluate({ now: T + 10 * minute });
    expect(evaluation.models).toEqual([{ model: 'hostile', version: v.version, rows: 500, driftedFeatures: names, driftShare: 1 }]);
    const families = await (p.monitor as unknown as MetricsSource).collectMetrics();
    const mean = families.find((f) => f.name === 'mlops_monitor_feature_mean')!;
    expect(mean.samples.filter((s) => s.labels!.profile === 'window' && s.labels!.role === 'feature').map((s) => s.labels!.column)).toEqual(names);
    const { text, rejected } = renderMetricFamilies(families);
    expect(rejected).toEqual([]);
    expect(text).toContain('mlops_monitor_drifted{column="new\\nline",model="hostile",role="feature",version="1"} 1');
    expect(text).toContain('mlops_monitor_drifted{column="{le=\\"1\\"}",model="hostile",role="feature",version="1"} 1');
    expect(text).toContain('mlops_monitor_drifted{column="back\\\\slash",model="hostile",role="feature",version="1"} 1');
    const out = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect({ status: out.status, problems: `${out.stdout}${out.stderr}` }).toEqual({ status: 0, problems: '' });
  });
});
