import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { z } from 'zod';
import { Frame, float64Column } from '@mlops/frame';
import { createRuntime, definePlugin, pipeline, resolveConfig, runPipeline, silentLogger, step, tokens, type Runtime, type TrainedModel, type Trainer, type Tracker } from '@mlops/core';
import { openSqlMetadataStore } from '@mlops/sql-metadata';
import { memoryArtifactStore } from '@mlops/testkit';
import { tracker as trackerPlugin } from '../plugin';

let dir: string;
let runtime: Runtime;
let tracker: Tracker;
beforeAll(async () => void (dir = await mkdtemp(path.join(tmpdir(), 'mlops-autolog-'))));
afterEach(() => runtime?.close());
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A trainer double: three "rounds" whose loss halves, reported through onIteration. */
const countingTrainer = definePlugin({
  name: 'counting-trainer',
  provides: tokens.trainer,
  create: (): Trainer => ({
    kind: 'counting',
    async fit(frame, _target, params, options = {}) {
      for (let i = 1; i <= 3; i++) if ((await options.onIteration?.({ iteration: i, metrics: { train_loss: 1 / 2 ** i } })) === 'stop') break;
      return { kind: 'counting', task: 'regression', featureNames: frame.names, predict: () => new Float64Array(frame.rowCount), toJSON: () => ({ params: params as never }), toOnnx: () => new Uint8Array() } as TrainedModel;
    },
    load: () => {
      throw new Error('not needed');
    },
  }),
});

let files = 0;
/** The real tracker plugin over an SQLite metadata store that provides the database (as storage-local's does). */
async function start() {
  const file = path.join(dir, `metadata-${++files}.sqlite`);
  const sqlite = definePlugin({
    name: 'test-sqlite',
    provides: tokens.metadataStore,
    alsoProvides: [tokens.database],
    create: (ctx) => {
      const store = openSqlMetadataStore({ kind: 'sqlite', path: file });
      ctx.provide(tokens.database, store.database);
      return store;
    },
  });
  const config = await resolveConfig({ plugins: { artifactStore: memoryArtifactStore, metadataStore: sqlite, tracker: trackerPlugin, trainer: countingTrainer } }, path.join(process.cwd(), 'mlops.config.ts'), {});
  runtime = await createRuntime(config, { logger: silentLogger });
  tracker = runtime.get(tokens.tracker);
}

const load = step({ name: 'load', params: z.object({ n: z.number() }), run: (_i, ctx) => ({ data: Frame.fromColumns({ x: float64Column(Float64Array.from({ length: ctx.params.n }, (_, i) => i)) }) }) });
const fit = step({
  name: 'fit',
  uses: [tokens.trainer],
  run: async ({ data }: { data: Frame }, ctx) => {
    await ctx.resolve(tokens.trainer).fit(data, 'x', { depth: 3, nested: { lr: 0.1 } });
    await ctx.track.metrics({ custom: 7 });
    return { evaluation: { rmse: 0.25, r2: 0.9, warnings: ['ignored: not a number'] } };
  },
});
const train = pipeline({ name: 'tracked', params: z.object({ n: z.number().default(4) }), build: (p, params) => void p.add(fit, { inputs: { data: p.add(load, { params: { n: params.n } }).out.data } }) });

describe('autolog: pipeline runs log to the tracker through core hooks', () => {
  it('records params, environment, trainer params and curves, final metrics, datasets and artifacts', async () => {
    await start();
    const result = await runPipeline(runtime, train, { params: { n: 5 }, tags: { team: 'risk' } });
    const run = (await tracker.getRun(result.run.id))!;
    expect(run).toMatchObject({ experiment: 'tracked', status: 'succeeded', pipelineRunId: result.run.id, tags: { team: 'risk' } });
    expect(run.params).toEqual({ n: 5, 'fit.trainer': 'counting', 'fit.target': 'x', 'fit.depth': 3, 'fit.nested.lr': 0.1 });
    expect(run.metrics).toEqual({ 'fit.train_loss': 0.125, 'fit.custom': 7, 'fit.rmse': 0.25, 'fit.r2': 0.9 });
    expect((await tracker.metricHistory(run.id, 'fit.train_loss')).map((p) => [p.step, p.value])).toEqual([[1, 0.5], [2, 0.25], [3, 0.125]]);
    expect(run.environment).toMatchObject({ node: process.version, configDigest: runtime.config.digest });
    expect(run.environment!.packages['@mlops/core']).toMatch(/^\d+\.\d+\.\d+/);
    expect(run.environment!.packages['@mlops/frame']).toMatch(/^\d+\.\d+\.\d+/);
    expect(run.environment!.lockfileDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(run.environment!.git?.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(run.datasets).toEqual([expect.objectContaining({ name: 'tracked/load/data', role: 'input', rows: 5, digest: expect.stringMatching(/^sha256:/) })]);
    expect(run.artifacts.map((a) => a.name).sort()).toEqual(['tracked/fit/evaluation', 'tracked/load/data']);
  });

  it('carries a cached step’s params and curves into the new run, and marks a failed run', async () => {
    await start();
    const first = await runPipeline(runtime, train, { params: { n: 5 } });
    const second = await runPipeline(runtime, train, { params: { n: 5 } });
    expect(second.steps.map((s) => s.status)).toEqual(['cached', 'cached']);
    const a = (await tracker.getRun(first.run.id))!;
    const b = (await tracker.getRun(second.run.id))!;
    expect(b.metrics).toEqual(a.metrics);
    expect(b.params).toEqual(a.params);
    expect(await tracker.metricHistory(b.id, 'fit.train_loss')).toHaveLength(3);

    // A run tagged with a parent run (a tuning trial for its study) nests under it.
    const study = await tracker.startRun({ experiment: 'tune-x', name: 'x' });
    const child = await runPipeline(runtime, train, { params: { n: 6 }, tags: { 'mlops.parentRun': study.id } });
    expect((await tracker.getRun(child.run.id))!.parentId).toBe(study.id);
    expect((await tracker.searchRuns({ parentId: study.id })).runs.map((r) => r.id)).toEqual([child.run.id]);
    expect(b.parentId).toBeNull();

    const broken = pipeline({ name: 'broken', build: (p) => void p.add(step({ name: 'boom', run: () => { throw new Error('nope'); } }), {}) });
    const failed = await runPipeline(runtime, broken);
    expect((await tracker.getRun(failed.run.id))!.status).toBe('failed');
  });
});
