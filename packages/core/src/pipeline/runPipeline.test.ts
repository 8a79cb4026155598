import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { z } from 'zod';
import { memoryArtifactStore, memoryMetadataStore } from '@mlops/testkit';
import { Frame, float64Column } from '@mlops/frame';
import { resolveConfig } from '../config/resolveConfig';
import { ConfigError } from '../errors/errors';
import { createRuntime, type Runtime } from '../plugins/createRuntime';
import { tokens } from '../tokens/tokens';
import { definePlugin } from '../plugins/definePlugin';
import { silentLogger } from '../util/logger';
import type { RunEvent } from './events';
import { pipeline } from './pipeline';
import { runPipeline } from './runPipeline';
import { step } from './step';

const file = path.join(process.cwd(), 'mlops.config.ts');
let runtime: Runtime;
let log: string[];

async function start(extra: Record<string, unknown> = {}) {
  const config = await resolveConfig({ plugins: { artifactStore: memoryArtifactStore, metadataStore: memoryMetadataStore }, ...extra }, file, {});
  runtime = await createRuntime(config, { logger: silentLogger });
}
afterEach(() => runtime?.close());
beforeEach(() => {
  log = [];
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const source = step({ name: 'source', params: z.object({ n: z.number() }), run: (_i, ctx) => (log.push('source'), { values: Array.from({ length: ctx.params.n }, (_, i) => i) }) });
const sum = step({ name: 'sum', run: async ({ values }: { values: number[] }) => (log.push('sum:start'), await sleep(30), log.push('sum:end'), { total: values.reduce((a, b) => a + b, 0) }) });
const max = step({ name: 'max', run: async ({ values }: { values: number[] }) => (log.push('max:start'), await sleep(30), log.push('max:end'), { top: Math.max(...values) }) });
const report = step({ name: 'report', run: ({ total, top }: { total: number; top: number }, ctx) => (log.push('report'), ctx.log.info(`total ${total}`), { report: { total, top } }) });

const diamond = pipeline({
  name: 'diamond',
  params: z.object({ n: z.number().int().positive().default(5) }),
  build: (p, params) => {
    const s = p.add(source, { params: { n: params.n } });
    const a = p.add(sum, { inputs: { values: s.out.values } });
    const b = p.add(max, { inputs: { values: s.out.values } });
    p.add(report, { inputs: { total: a.out.total, top: b.out.top } });
  },
});

describe('runPipeline', () => {
  it('runs a DAG in dependency order, independent branches in parallel, and records everything', async () => {
    await start();
    const events: RunEvent[] = [];
    const result = await runPipeline(runtime, diamond, { params: { n: 4 }, onEvent: (e) => events.push(e) });
    expect(result.run.status).toBe('succeeded');
    expect(log[0]).toBe('source');
    expect(log.slice(1, 3).sort()).toEqual(['max:start', 'sum:start']);
    expect(log[log.length - 1]).toBe('report');
    const metadata = runtime.get(tokens.metadataStore);
    const run = await metadata.getRun(result.run.id);
    expect(run).toMatchObject({ pipeline: 'diamond', status: 'succeeded', params: { n: 4 }, pid: process.pid, configDigest: runtime.config.digest });
    const steps = await metadata.listStepRuns(result.run.id);
    expect(steps.map((s) => s.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    expect(steps.find((s) => s.step === 'report')!.logs).toMatch(/info total 6$/);
    const reportArtifact = result.outputs.report.report;
    expect(reportArtifact).toMatchObject({ name: 'diamond/report/report', version: 1, serializer: 'json' });
    const bytes = await runtime.get(tokens.artifactStore).get(reportArtifact.digest);
    expect(JSON.parse(Buffer.from(bytes).toString())).toEqual({ top: 3, total: 6 });
    const lineage = await metadata.inputsOfStepRun(reportArtifact.stepRunId);
    expect(lineage.map((l) => l.name)).toEqual(['top', 'total']);
    expect(lineage.find((l) => l.name === 'total')!.artifactId).toBe(result.outputs.sum.total.id);
    const done = events.filter((e) => e.type === 'step:done').map((e) => (e as { step: string }).step);
    expect(done[0]).toBe('source');
    expect(done[3]).toBe('report');
    expect(events).toContainEqual({ type: 'step:log', runId: result.run.id, step: 'report', level: 'info', message: 'total 6' });
    expect(events[0]).toEqual({ type: 'run:start', runId: result.run.id, pipeline: 'diamond', steps: ['source', 'sum', 'max', 'report'] });
    expect(events[events.length - 1]).toMatchObject({ type: 'run:done', status: 'succeeded' });
  });

  it('runs steps one at a time when maxParallelSteps is 1', async () => {
    await start({ maxParallelSteps: 1 });
    await runPipeline(runtime, diamond, { params: { n: 4 } });
    expect(log).toEqual(['source', 'sum:start', 'sum:end', 'max:start', 'max:end', 'report']);
  });

  it('reuses cached outputs for the same code, params and inputs; params invalidate downstream only', async () => {
    await start();
    const first = await runPipeline(runtime, diamond, { params: { n: 4 } });
    log = [];
    const second = await runPipeline(runtime, diamond, { params: { n: 4 } });
    expect(log).toEqual([]);
    expect(second.steps.map((s) => s.status)).toEqual(['cached', 'cached', 'cached', 'cached']);
    expect(second.outputs.report.report.id).toBe(first.outputs.report.report.id);
    expect(second.steps[0].cachedFrom).toBe(first.steps[0].id);

    log = [];
    const third = await runPipeline(runtime, diamond, { params: { n: 5 } });
    expect(third.steps.map((s) => s.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);

    // n=4 → n=4 again with --no-cache runs everything.
    log = [];
    await runPipeline(runtime, diamond, { params: { n: 4 }, noCache: true });
    expect(log).toContain('source');
  });

  it('re-runs a step whose declared input file changed, and reuses it while the file is the same', async () => {
    await start();
    const dir = mkdtempSync(path.join(tmpdir(), 'mlops-reads-'));
    const data = path.join(dir, 'data.txt');
    writeFileSync(data, 'a\nb\n');
    const read = step({ name: 'read', params: z.object({ path: z.string() }), reads: (p) => [p.path], run: (_i, ctx) => ({ lines: readFileSync(ctx.params.path, 'utf8').trim().split('\n') }) });
    const p = pipeline({ name: 'reads', build: (b) => void b.add(read, { params: { path: data } }) });
    const statuses = async () => (await runPipeline(runtime, p)).steps.map((s) => s.status);
    expect(await statuses()).toEqual(['succeeded']);
    expect(await statuses()).toEqual(['cached']);
    writeFileSync(data, 'a\nb\nc\n');
    const third = await runPipeline(runtime, p);
    expect(third.steps.map((s) => s.status)).toEqual(['succeeded']);
    expect(third.outputs.read.lines.version).toBe(2);
    rmSync(dir, { recursive: true, force: true });
    // A missing file is never served from the cache: the run is refused before it starts (bad input).
    await expect(runPipeline(runtime, p)).rejects.toMatchObject({ code: 'E_NOT_FOUND', badInput: true, message: `step "read" reads ${JSON.stringify(data)} (param path): no such file ${data}` });
    expect(await runtime.get(tokens.metadataStore).listRuns({ pipeline: 'reads' })).toHaveLength(3);
  });

  it('re-runs a step when the options of a plugin it uses change, and only that step', async () => {
    const monitor = (level: number) => ({ use: definePlugin({ name: 'monitor', provides: tokens.monitor, options: z.object({ level: z.number() }), create: () => ({}) as never }), options: { level } });
    const tracked = step({ name: 'tracked', uses: [tokens.monitor], run: ({ values }: { values: number[] }, ctx) => (ctx.resolve(tokens.monitor), { n: values.length }) });
    const p = pipeline({ name: 'svc', build: (b) => void b.add(tracked, { inputs: { values: b.add(source, { params: { n: 2 } }).out.values } }) });
    await start({ plugins: { artifactStore: memoryArtifactStore, metadataStore: memoryMetadataStore, monitor: monitor(1) } });
    const first = await runPipeline(runtime, p);
    const metadata = runtime.get(tokens.metadataStore);
    const artifacts = runtime.get(tokens.artifactStore);
    // Same stores, new config: a new runtime that reuses them through inline plugins.
    const reuse = { artifactStore: definePlugin({ name: 'a', provides: tokens.artifactStore, create: () => artifacts }), metadataStore: definePlugin({ name: 'm', provides: tokens.metadataStore, create: () => metadata }) };
    const again = async (level: number) => {
      const config = await resolveConfig({ plugins: { ...reuse, monitor: monitor(level) } }, file, {});
      const rt = await createRuntime(config, { logger: silentLogger });
      try {
        return (await runPipeline(rt, p)).steps.map((s) => `${s.step}:${s.status}`).join(' ');
      } finally {
        await rt.close();
      }
    };
    expect(first.run.status).toBe('succeeded');
    expect(await again(1)).toBe('source:cached tracked:cached');
    expect(await again(2)).toBe('source:cached tracked:succeeded');
  });

  it('refuses ctx.resolve of a token the step does not list in uses', async () => {
    await start();
    const sneaky = step({ name: 'sneaky', run: (_i, ctx) => (ctx.resolve(tokens.metadataStore), { ok: true }) });
    const r = await runPipeline(runtime, pipeline({ name: 'sneaky', build: (b) => void b.add(sneaky) }));
    expect(r.run.error).toBe('step "sneaky" failed: step "sneaky" resolved the metadata store without listing it in `uses` (step({ uses: [tokens.…] }))');
  });

  it('keys the cache on input content: an upstream step with new output re-runs its consumers', async () => {
    await start();
    let value = 1;
    const src = step({ name: 'src', cache: false, run: () => ({ v: value }) });
    const twice = step({ name: 'twice', run: ({ v }: { v: number }) => (log.push('twice'), { w: v * 2 }) });
    const p = pipeline({ name: 'p', build: (b) => void b.add(twice, { inputs: { v: b.add(src).out.v } }) });
    await runPipeline(runtime, p);
    await runPipeline(runtime, p);
    expect(log).toEqual(['twice']);
    value = 2;
    const r = await runPipeline(runtime, p);
    expect(log).toEqual(['twice', 'twice']);
    expect(r.outputs.twice.w.version).toBe(2);
  });

  it('a failed step fails the run, keeps earlier artifacts, and a re-run resumes from the cache', async () => {
    await start();
    let broken = true;
    const flaky = step({ name: 'flaky', run: ({ values }: { values: number[] }) => { if (broken) throw new Error('disk on fire'); return { n: values.length }; } });
    const p = pipeline({ name: 'resume', build: (b) => void b.add(flaky, { inputs: { values: b.add(source, { params: { n: 3 } }).out.values } }) });
    const failed = await runPipeline(runtime, p);
    expect(failed.run).toMatchObject({ status: 'failed', error: 'step "flaky" failed: disk on fire' });
    expect(failed.error).toMatchObject({ code: 'E_STEP_FAILED', step: 'flaky' });
    const steps = await runtime.get(tokens.metadataStore).listStepRuns(failed.run.id);
    expect(steps.map((s) => [s.step, s.status])).toEqual([['source', 'succeeded'], ['flaky', 'failed']]);
    expect(steps[1].error).toContain('disk on fire');
    const kept = failed.outputs.source.values;
    expect(await runtime.get(tokens.artifactStore).has(kept.digest)).toBe(true);

    broken = false;
    log = [];
    const resumed = await runPipeline(runtime, p);
    expect(resumed.run.status).toBe('succeeded');
    expect(resumed.steps.map((s) => [s.step, s.status])).toEqual([['source', 'cached'], ['flaky', 'succeeded']]);
    expect(log).toEqual([]);
  });

  it('does not reuse a cached step whose blobs are gone from the artifact store', async () => {
    await start();
    const p = pipeline({ name: 'gone', build: (b) => void b.add(source, { params: { n: 2 } }) });
    const first = await runPipeline(runtime, p);
    await runtime.get(tokens.artifactStore).delete(first.outputs.source.values.digest);
    log = [];
    const second = await runPipeline(runtime, p);
    expect(second.steps[0].status).toBe('succeeded');
    expect(log).toEqual(['source']);
  });

  it('stores frames with their dataset digest and passes them between steps', async () => {
    await start();
    const make = step({ name: 'make', run: () => ({ frame: Frame.fromColumns({ x: float64Column(new Float64Array([1, 2, 3])) }) }) });
    const rows = step({ name: 'rows', run: ({ frame }: { frame: Frame }) => ({ rows: frame.rowCount }) });
    const p = pipeline({ name: 'frames', build: (b) => void b.add(rows, { inputs: { frame: b.add(make).out.frame } }) });
    const r = await runPipeline(runtime, p);
    expect(r.outputs.make.frame).toMatchObject({ serializer: 'frame', metadata: { rows: 3, columns: 1, datasetDigest: expect.stringMatching(/^sha256:/) } });
    // A second run reads the frame back from the store for the consumer when it is not cached.
    const again = await runPipeline(runtime, p, { noCache: true });
    expect(again.outputs.rows.rows.digest).toBe(r.outputs.rows.rows.digest);
  });

  it('explains a missing output, an unserializable value and bad params', async () => {
    await start();
    const noOut = step({ name: 'noOut', run: () => ({ other: 1 }) });
    const needs = step({ name: 'needs', run: ({ x }: { x: number }) => ({ y: x }) });
    const p1 = pipeline({ name: 'p1', build: (b) => void b.add(needs, { inputs: { x: (b.add(noOut).out as unknown as { x: never }).x } }) });
    expect((await runPipeline(runtime, p1)).run.error).toBe('step "noOut" failed: step "noOut" did not return output "x" (returned: other)');

    const fn = step({ name: 'fn', run: () => ({ f: () => 1 }) });
    const p2 = pipeline({ name: 'p2', build: (b) => void b.add(fn) });
    expect((await runPipeline(runtime, p2)).run.error).toBe('step "fn" failed: step "fn" output "f": no serializer can store a value of type function; register one in config `serializers`');

    await expect(runPipeline(runtime, diamond, { params: { n: 'many' } })).rejects.toThrow('pipeline "diamond" params: n: expected a number, received "many"');
    await expect(runPipeline(runtime, 'diamnd')).rejects.toThrow('no pipeline named "diamnd"');
  });

  it('loads a lazy pipeline entry only when it runs, and names the entry when it gives no pipeline', async () => {
    let loads = 0;
    const lazy = () => Promise.resolve((loads++, diamond));
    await start({ pipelines: { diamond: lazy, broken: () => ({ default: diamond }) } });
    expect(loads).toBe(0);
    expect((await runPipeline(runtime, 'diamond', { params: { n: 3 } })).run.status).toBe('succeeded');
    expect(loads).toBe(1);
    expect(log).toContain('report');
    const err = await runPipeline(runtime, 'broken').then(() => undefined, (e: unknown) => e as ConfigError);
    expect(err).toBeInstanceOf(ConfigError);
    expect(err?.issues).toEqual([{ path: 'pipelines.broken', expected: "a function that returns a pipeline (made with pipeline()), e.g. () => import('./pipelines/x').then((m) => m.x)", received: 'an object with keys default' }]);
    expect(err?.message).toBe(`${file}: pipelines.broken: expected a function that returns a pipeline (made with pipeline()), e.g. () => import('./pipelines/x').then((m) => m.x), received an object with keys default`);
  });

  it('refuses output names that would not make one path-safe segment of the artifact name', async () => {
    await start();
    const escape = step({ name: 'escape', run: () => ({ '../../x': 1 }) });
    const run1 = await runPipeline(runtime, pipeline({ name: 'p3', build: (b) => void b.add(escape) }));
    expect(run1.run.error).toBe('step "escape" failed: artifact name must not have a ".." segment, received "../../x"');
    const nested = step({ name: 'nested', run: () => ({ 'a/b': 1 }) });
    const run2 = await runPipeline(runtime, pipeline({ name: 'p4', build: (b) => void b.add(nested) }));
    expect(run2.run.error).toBe('step "nested" failed: step "nested": output name must be one segment (no "/"), received "a/b"');
    expect(await runtime.get(tokens.metadataStore).listArtifacts()).toEqual([]);
  });

  it('rejects unknown params (at any depth) with a did-you-mean before recording a run', async () => {
    await start();
    const nestedParams = pipeline({
      name: 'nested',
      params: z.object({ n: z.number().default(1), opts: z.object({ depth: z.number() }).default({ depth: 1 }), extra: z.record(z.string(), z.unknown()).default({}) }),
      build: (p, params) => void p.add(source, { params: { n: params.n } }),
    });
    const error = await runPipeline(runtime, nestedParams, { params: { m: 2, opts: { deph: 3 }, extra: { anything: 1 } } }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'E_CONFIG',
      badInput: true,
      file: 'pipeline "nested" params',
      issues: [
        { path: 'm', expected: 'a known param (did you mean "n"?)', received: '2' },
        { path: 'opts.deph', expected: 'a known field (did you mean "depth"?)', received: '3' },
        { path: 'opts.depth', expected: 'a number', received: 'nothing' },
      ],
    });
    expect((error as Error).message.split('\n')[0]).toBe('pipeline "nested" params: m: expected a known param (did you mean "n"?), received 2');
    const noParams = pipeline({ name: 'none', build: (p) => void p.add(source, { params: { n: 1 } }) });
    await expect(runPipeline(runtime, noParams, { params: { n: 1 } })).rejects.toThrow('pipeline "none" params: n: expected no params (this pipeline declares none), received 1');
    expect(await runtime.get(tokens.metadataStore).listRuns({})).toEqual([]);
    // A record param takes any key; known keys still run.
    expect((await runPipeline(runtime, nestedParams, { params: { n: 2, extra: { anything: 1 } } })).run.status).toBe('succeeded');
  });

  it('uses serializers from the config before the built-ins', async () => {
    class Model {
      constructor(readonly w: number) {}
    }
    const modelSerializer = {
      name: 'model',
      canHandle: (v: unknown): v is Model => v instanceof Model,
      serialize: (m: Model) => new TextEncoder().encode(String(m.w)),
      deserialize: (b: Uint8Array) => new Model(Number(new TextDecoder().decode(b))),
    };
    await start({ serializers: [modelSerializer] });
    const fit = step({ name: 'fit', run: () => ({ model: new Model(7) }) });
    const use = step({ name: 'use', run: ({ model }: { model: Model }) => ({ w: model.w }) });
    const p = pipeline({ name: 'models', build: (b) => void b.add(use, { inputs: { model: b.add(fit).out.model } }) });
    const r = await runPipeline(runtime, p);
    expect(r.outputs.fit.model.serializer).toBe('model');
    expect(r.run.status).toBe('succeeded');
  });

  it('marks runs left running by a dead process on this host as crashed', async () => {
    await start();
    const metadata = runtime.get(tokens.metadataStore);
    await metadata.createRun({ id: 'dead-run', pipeline: 'x', status: 'running', params: {}, startedAt: 1, endedAt: null, error: null, host: require('node:os').hostname(), pid: 2 ** 22 + 12345, configDigest: null, tags: {} });
    await runPipeline(runtime, pipeline({ name: 'noop', build: () => undefined }));
    expect(await metadata.getRun('dead-run')).toMatchObject({ status: 'crashed', error: expect.stringContaining('exited without finishing') });
  });

});
