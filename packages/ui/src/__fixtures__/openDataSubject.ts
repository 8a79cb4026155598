import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRuntime, isFeedbackSink, pipeline, resolveConfig, runPipeline, silentLogger, step, tokens, type LoadedModel, type ModelSignature, type PredictionsServedEvent, type Runtime } from '@mlops/core';
import { Frame } from '@mlops/frame';
import { createReferenceProfile, fitCbpe } from '@mlops/monitor';
import { dropPostgresSchema, postgresTestUrl, uniqueTestName } from '@mlops/testkit';
import { defineSchema, validateStep } from '@mlops/validator';
import { createUiServer, type UiServer } from '../createUiServer';
import { uiServicesFromRuntime } from '../uiServicesFromRuntime';

const hour = 3_600_000;
/**
 * Served traffic: 12 half-hour slices ending at `now`; from slice 6 on, feature `x` is shifted by 3
 * (its std is 1). 120 rows a window put the normalised Wasserstein distance of clean traffic near
 * the default 0.1 by chance alone, so the project judges it at 0.3 (the shift measures about 3).
 */
export const traffic = { slices: 12, sliceMs: hour / 2, rowsPerSlice: 120, driftFrom: 6, shift: 3 };

/** A seeded generator (xorshift32), so every run serves the same rows; never returns 0. */
function seeded(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return (s + 1) / 4294967297;
  };
}
const gaussian = (next: () => number) => Math.sqrt(-2 * Math.log(next())) * Math.cos(2 * Math.PI * next());

const signature: ModelSignature = { task: 'binary', inputs: [{ name: 'x', type: 'double' }, { name: 'y', type: 'double' }], outputs: [{ name: 'probabilities', type: 'float', shape: [null, 2] }], classes: ['ok', 'churn'] };
const churnProbability = (x: number, y: number) => 1 / (1 + Math.exp(-(1.5 * x - 0.5 * y)));

/** P(churn) = σ(1.5x − 0.5y), behind the runtime's `LoadedModel` interface. */
const churnModel: LoadedModel = {
  inputs: [{ name: 'x', type: 'float64', dims: [null, 1] }, { name: 'y', type: 'float64', dims: [null, 1] }],
  outputs: [{ name: 'label', type: 'int64', dims: [null] }, { name: 'probabilities', type: 'float32', dims: [null, 2] }],
  async run(feeds) {
    const [x, y] = [feeds.x!.data as Float64Array, feeds.y!.data as Float64Array];
    const probabilities = new Float32Array(x.length * 2);
    const label = new BigInt64Array(x.length);
    x.forEach((xi, i) => {
      const p = churnProbability(xi, y[i]!);
      probabilities.set([1 - p, p], 2 * i);
      label[i] = p >= 0.5 ? 1n : 0n;
    });
    return { label: { data: label, dims: [x.length] }, probabilities: { data: probabilities, dims: [x.length, 2] } };
  },
  async release() {},
};

/** A project with every store real (SQLite file or Postgres schema), seeded, and a dashboard on it. */
export interface DataSubject {
  runtime: Runtime;
  server: UiServer;
  /** End of the served traffic (the last slice ends here). */
  now: number;
  /** The validation run's id. */
  validationRunId: string;
  api(path: string): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export async function openDataSubject(kind: 'sqlite' | 'postgres'): Promise<DataSubject> {
  const dir = await mkdtemp(join(tmpdir(), 'mlops-ui-data-'));
  const schema = uniqueTestName();
  const config = await resolveConfig(
    {
      project: 'churn-demo',
      stateDir: dir,
      plugins: {
        artifactStore: '@mlops/storage-local',
        metadataStore: kind === 'sqlite' ? '@mlops/storage-local' : { use: '@mlops/storage-postgres', options: { connection: postgresTestUrl(), schema } },
        modelRegistry: '@mlops/model-registry',
        validator: '@mlops/validator',
        tuner: '@mlops/tuner',
        monitor: { use: '@mlops/monitor', options: { settleMs: 1000, profileIntervalMs: traffic.sliceMs, minRows: 50, drift: { thresholds: { wasserstein_norm: 0.3 } }, windowMs: hour, cooldownMs: 0, rules: [{ kind: 'baseline-shift', k: 2 }, { kind: 'dataset-drift', share: 0.5, severity: 'critical' }] } },
        orchestrator: false,
      },
    },
    // Plugin packages resolve from this package, where the workspace links them.
    join(__dirname, '..', '..', 'mlops.config.ts'),
    {},
  );
  const runtime = await createRuntime(config, { logger: silentLogger });
  const now = Math.floor(Date.now() / traffic.sliceMs) * traffic.sliceMs;
  const validationRunId = await seedValidation(runtime);
  await seedMonitor(runtime, now);
  await seedStudies(runtime);
  const server = await createUiServer(uiServicesFromRuntime(runtime), { port: 0 });
  return {
    runtime,
    server,
    now,
    validationRunId,
    async api(path) {
      const res = await fetch(`${server.url}/api/${path}`);
      return { status: res.status, body: await res.json() };
    },
    async close() {
      await server.close();
      await runtime.close();
      if (kind === 'postgres') await dropPostgresSchema(schema);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** 200 accounts, 7 with a negative balance: the range check warns (7 bad rows), the others pass. */
async function seedValidation(runtime: Runtime): Promise<string> {
  const accounts = defineSchema({ name: 'accounts', columns: { id: { dtype: 'int32', unique: true }, balance: { dtype: 'float64', range: { min: 0, severity: 'warn' } }, plan: { dtype: 'category', allowed: ['free', 'pro'] } }, key: 'id' });
  const rows = Array.from({ length: 200 }, (_, i) => ({ id: i, balance: i % 29 === 3 ? -i : i * 1.5, plan: i % 3 === 0 ? 'pro' : 'free' }));
  const load = step({ name: 'load', cache: false, run: () => ({ dataset: Frame.fromRows(rows, { id: 'int32', balance: 'float64', plan: 'category' }) }) });
  const accountsPipeline = pipeline({ name: 'accounts', build: (p) => void p.add(validateStep(accounts), { inputs: { dataset: p.add(load).out.dataset } }) });
  const result = await runPipeline(runtime, accountsPipeline);
  return result.run.id;
}

/** Registers churn v1 (reference profile and CBPE calibration), serves 12 slices, labels them, evaluates twice. */
async function seedMonitor(runtime: Runtime, now: number): Promise<void> {
  const next = seeded(7);
  const sample = (n: number, shift: number) => Array.from({ length: n }, () => ({ x: gaussian(next) + shift, y: gaussian(next) }));
  const training = sample(2000, 0);
  const frame = Frame.fromRows(training, { x: 'float64', y: 'float64' });
  const reference = await createReferenceProfile(churnModel, signature, frame);
  const proba = Float64Array.from(training.flatMap((r) => [1 - churnProbability(r.x, r.y), churnProbability(r.x, r.y)]));
  const labels = Int32Array.from(training, (r) => (next() < churnProbability(r.x, r.y) ? 1 : 0));
  const store = runtime.get(tokens.artifactStore);
  const put = async (value: unknown) => (await store.put(new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value)))).digest;
  const registry = runtime.get(tokens.modelRegistry);
  const v = await registry.register({ name: 'churn', artifacts: { onnx: await put('graph stand-in'), reference: await put(reference), cbpe: await put(fitCbpe(proba, labels, signature.classes!)) }, signature });
  await registry.promote('churn', v.version, { to: 'champion', force: true, reason: 'seed' });
  const monitor = runtime.get(tokens.monitor);
  const feedback: { requestId: string; row: number; label: string }[] = [];
  for (let s = 0; s < traffic.slices; s++) {
    const rows = sample(traffic.rowsPerSlice, s >= traffic.driftFrom ? traffic.shift : 0);
    const x = Float64Array.from(rows, (r) => r.x);
    const y = Float64Array.from(rows, (r) => r.y);
    const inputs = { x: { data: x, dims: [rows.length, 1] }, y: { data: y, dims: [rows.length, 1] } };
    const event: PredictionsServedEvent = {
      model: { name: 'churn', version: v.version, alias: 'champion', digest: 'seed', signature, loadedAt: 0 } as never,
      rows: rows.length,
      inputs,
      outputs: await churnModel.run(inputs),
      servedAt: now - (traffic.slices - s) * traffic.sliceMs + 60_000,
      requests: rows.map((_, i) => ({ id: `s${s}-${i}`, rows: 1, latencyMs: 2 })),
      inferenceMs: 0.2,
    };
    runtime.hooks.announce('predictionsServed', event, rows.length);
    rows.forEach((r, i) => feedback.push({ requestId: `s${s}-${i}`, row: 0, label: next() < churnProbability(r.x, r.y) ? 'churn' : 'ok' }));
  }
  await runtime.hooks.flush();
  await monitor.flush();
  if (!isFeedbackSink(monitor)) throw new Error('the monitor takes no feedback');
  await monitor.recordFeedback(feedback);
  // Once over a clean hour (nothing fires), once over the last, drifted hour.
  await monitor.evaluate({ now: now - (traffic.slices - traffic.driftFrom) * traffic.sliceMs });
  await monitor.evaluate({ now });
}

/** `quadratic`: 24 trials of (x − 1)² + 0.1·depth; `tradeoff`: 16 trials of two competing objectives. */
async function seedStudies(runtime: Runtime): Promise<void> {
  const tuner = runtime.get(tokens.tuner);
  const quadratic = await tuner.openStudy({ name: 'quadratic', sampler: { kind: 'random', seed: 3 } });
  await quadratic.optimize((t) => (t.suggestFloat('x', -4, 4) - 1) ** 2 + 0.1 * t.suggestInt('depth', 1, 8) + (t.suggestCategorical('kind', ['a', 'b']) === 'b' ? 0.05 : 0), { nTrials: 24 });
  const tradeoff = await tuner.openStudy({ name: 'tradeoff', directions: ['minimize', 'minimize'], sampler: { kind: 'random', seed: 5 } });
  await tradeoff.optimize((t) => {
    const a = t.suggestFloat('a', 0, 1);
    return [a, (1 - a) ** 2 + t.suggestFloat('noise', 0, 0.3)];
  }, { nTrials: 16 });
}
