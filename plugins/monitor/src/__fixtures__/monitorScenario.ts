import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRuntime, definePlugin, resolveConfig, silentLogger, tokens, type Alert, type LoadedModel, type Orchestrator, type SubmitRunRequest, type ModelSignature, type PredictionsServedEvent, type Runtime, type TensorValue } from '@mlops/core';
import { Frame } from '@mlops/frame';
import { memoryArtifactStore } from '@mlops/testkit';
import type { MonitorUserOptions } from '../options';
import { monitor } from '../plugin';
import type { MonitorService } from '../MonitorService';
import { createReferenceProfile } from '../profiles/referenceProfile';

/** Deterministic normal draws (mulberry32 + Box–Muller), so the clean window never drifts by chance. */
export function normals(n: number, mean: number, std: number, seed: number): Float64Array {
  let s = seed >>> 0;
  const uniform = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Float64Array.from({ length: n }, () => mean + std * Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform()));
}

export const signature: ModelSignature = { task: 'binary', inputs: [{ name: 'a', type: 'float' }, { name: 'b', type: 'double' }], outputs: [{ name: 'probabilities', type: 'float', shape: [null, 2] }], classes: ['no', 'yes'] };

/** A small real model (logistic in a + b/5) behind the runtime's `LoadedModel` interface, as a runtime plugin would load it. */
export const model: LoadedModel = {
  inputs: [{ name: 'a', type: 'float32', dims: [null, 1] }, { name: 'b', type: 'float64', dims: [null, 1] }],
  outputs: [{ name: 'label', type: 'int64', dims: [null] }, { name: 'probabilities', type: 'float32', dims: [null, 2] }],
  async run(feeds) {
    const a = feeds.a!.data as Float32Array;
    const b = feeds.b!.data as Float64Array;
    const rows = a.length;
    const probabilities = new Float32Array(rows * 2);
    const label = new BigInt64Array(rows);
    for (let i = 0; i < rows; i++) {
      const p = 1 / (1 + Math.exp(-(a[i]! + (b[i]! - 5) / 5)));
      probabilities[2 * i] = 1 - p;
      probabilities[2 * i + 1] = p;
      label[i] = p >= 0.5 ? 1n : 0n;
    }
    return { label: { data: label, dims: [rows] }, probabilities: { data: probabilities, dims: [rows, 2] } };
  },
  async release() {},
};

/** What the server announces for one inference call of `rows` rows (feeds as `/predict` builds them). */
export async function servedCall(a: Float64Array, b: Float64Array, servedAt: number, version: number, idPrefix: string): Promise<PredictionsServedEvent> {
  const rows = a.length;
  const inputs: Record<string, TensorValue> = { a: { data: Float32Array.from(a), dims: [rows, 1] }, b: { data: Float64Array.from(b), dims: [rows, 1] } };
  const outputs = await model.run(inputs);
  const requests = Array.from({ length: rows }, (_, i) => ({ id: `${idPrefix}-${i}`, rows: 1, latencyMs: 1 }));
  return { model: { name: 'churn', version, alias: 'champion', digest: 'd', signature, loadedAt: 0 } as never, rows, inputs, outputs, servedAt, requests, inferenceMs: 0.1 };
}

/** A runtime with a real SQL metadata store (SQLite file or a Postgres schema), the model registry, the monitor and recording sinks. */
export interface MonitorProject {
  runtime: Runtime;
  monitor: MonitorService;
  /** Alerts the configured alert sink received. */
  sent: Alert[];
  /** Jobs the configured orchestrator received (when `withOrchestrator`). */
  submitted: unknown[];
  /** Warnings the plugins logged. */
  warnings: string[];
  /** Registers version 1 of `churn` with its reference profile (5000 training rows) and returns the version. */
  registerChurn(): Promise<number>;
  close(): Promise<void>;
}

export async function openMonitorProject(metadataStore: unknown, options: MonitorUserOptions, extra: { withOrchestrator?: boolean } = {}): Promise<MonitorProject> {
  const dir = await mkdtemp(join(tmpdir(), 'mlops-monitor-e2e-'));
  const sent: Alert[] = [];
  const submitted: unknown[] = [];
  const alertSink = definePlugin({ name: 'recording-sink', provides: tokens.alertSink, create: () => ({ send: async (alert: Alert) => void sent.push(alert) }) });
  const orchestrator = definePlugin({ name: 'recording-orchestrator', provides: tokens.orchestrator, create: () => ({ submit: async (request: SubmitRunRequest) => (submitted.push(request), { run: { id: `run-${submitted.length}`, status: 'queued' }, created: true }) }) as unknown as Orchestrator });
  // Without `withOrchestrator` the slot is `false`: not even the embedded default (the SQL stores would get it), so requests are only recorded.
  const config = await resolveConfig(
    { stateDir: dir, plugins: { artifactStore: memoryArtifactStore, metadataStore: metadataStore as never, modelRegistry: '@mlops/model-registry', monitor: { use: monitor, options }, alertSink, orchestrator: extra.withOrchestrator ? orchestrator : false } },
    // Plugin packages resolve from the config's folder: this package's, where the workspace links them.
    join(__dirname, '..', 'mlops.config.ts'),
    {},
  );
  const warnings: string[] = [];
  const runtime = await createRuntime(config, { logger: { ...silentLogger, warn: (m: string) => void warnings.push(m) } });
  return {
    runtime,
    monitor: runtime.get(tokens.monitor) as MonitorService,
    sent,
    submitted,
    warnings,
    async registerChurn() {
      const store = runtime.get(tokens.artifactStore);
      const b = normals(5000, 5, 2, 2);
      const training = Frame.fromRows(Array.from(normals(5000, 0, 1, 1), (a, i) => ({ a, b: b[i] })), { a: 'float64', b: 'float64' });
      const reference = await createReferenceProfile(model, signature, training);
      const onnx = await store.put(new TextEncoder().encode('a stand-in for the serving graph'));
      const stored = await store.put(new TextEncoder().encode(JSON.stringify(reference)));
      const registry = runtime.get(tokens.modelRegistry);
      const v = await registry.register({ name: 'churn', artifacts: { onnx: onnx.digest, reference: stored.digest }, signature });
      // No gate configured: the first version is promoted as nothing competes with it.
      await registry.promote('churn', v.version, { to: 'champion', force: true, reason: 'test' });
      return v.version;
    },
    async close() {
      await runtime.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
