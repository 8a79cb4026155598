import * as path from 'node:path';
import { memoryArtifactStore, memoryMetadataStore } from '@mlops/testkit';
import { resolveConfig } from '../config/resolveConfig';
import type { DatabaseService } from '../database/DatabaseService';
import { MissingDependencyError } from '../errors/errors';
import { pipeline } from '../pipeline/pipeline';
import { runPipeline } from '../pipeline/runPipeline';
import { step } from '../pipeline/step';
import { createRuntime, type Runtime } from '../plugins/createRuntime';
import { definePlugin } from '../plugins/definePlugin';
import { tokens } from '../tokens/tokens';
import type { Logger } from '../util/logger';
import { createHookBus } from './HookBus';
import type { HookName, PredictionsServedEvent } from './HookEvents';

const file = path.join(process.cwd(), 'mlops.config.ts');
const warnings: string[] = [];
const logger: Logger = { debug: () => undefined, info: () => undefined, warn: (m) => void warnings.push(m), error: () => undefined };
let runtime: Runtime | undefined;
afterEach(async () => {
  await runtime?.close();
  runtime = undefined;
  warnings.length = 0;
});

/** A plugin that subscribes `handlers` to every run and step hook and records what it saw. */
function subscriber(name: string, seen: string[], fail: 'throw' | 'reject' | 'no' = 'no') {
  return definePlugin({
    name,
    provides: tokens.monitor,
    create: (ctx) => {
      for (const hook of ['runStart', 'stepStart', 'stepLog', 'artifactStored', 'stepEnd', 'runEnd'] as HookName[]) {
        ctx.hooks.on(hook, (e) => {
          seen.push(`${name}:${hook}${'stepId' in e ? `:${e.stepId}` : ''}`);
          if (fail === 'throw') throw new Error(`${name} broke on ${hook}`);
          if (fail === 'reject') return Promise.reject(new Error(`${name} rejected ${hook}`));
        });
      }
      // Only its hooks matter here, not the Monitor contract.
      return {} as never;
    },
  });
}

const load = step({ name: 'load', run: (_i, ctx) => (ctx.log.info('loading'), { values: [1, 2, 3] }) });
const score = step({ name: 'score', run: ({ values }: { values: number[] }) => ({ metrics: { n: values.length, label: 'x' } }) });
const flow = pipeline({ name: 'flow', build: (p) => void p.add(score, { inputs: { values: p.add(load, {}).out.values } }) });

describe('hooks', () => {
  it('run in plugin start order, awaited, around every step; a step end carries the outputs and metrics', async () => {
    const seen: string[] = [];
    const ends: unknown[] = [];
    const recorder = definePlugin({ name: 'rec', provides: tokens.alertSink, create: (ctx) => (ctx.hooks.on('stepEnd', (e) => void ends.push([e.stepId, e.status, e.metrics, e.outputs.map((o) => o.record.output)])), { send: async () => undefined }) });
    const config = await resolveConfig({ plugins: { ...storageOf(), monitor: subscriber('first', seen), alertSink: recorder } }, file, {});
    runtime = await createRuntime(config, { logger });
    const result = await runPipeline(runtime, flow);
    expect(result.run.status).toBe('succeeded');
    expect(seen).toEqual(['first:runStart', 'first:stepStart:load', 'first:stepLog:load', 'first:artifactStored:load', 'first:stepEnd:load', 'first:stepStart:score', 'first:artifactStored:score', 'first:stepEnd:score', 'first:runEnd']);
    expect(ends).toEqual([
      ['load', 'succeeded', {}, ['values']],
      ['score', 'succeeded', { n: 3 }, ['metrics']],
    ]);
    // Two subscribers to one hook run in subscription order.
    const bus = createHookBus(logger);
    const order: number[] = [];
    bus.on('runEnd', async () => void (await new Promise((r) => setTimeout(r, 5)), order.push(1)));
    bus.on('runEnd', () => void order.push(2));
    await bus.emit('runEnd', { runId: 'r', pipeline: 'p', status: 'succeeded', endedAt: 0 });
    expect(order).toEqual([1, 2]);
  });

  it.each(['throw', 'reject'] as const)('a subscriber that %ss breaks no run: it is logged and counted, later subscribers still run', async (fail) => {
    const seen: string[] = [];
    const config = await resolveConfig({ plugins: { ...storageOf(), monitor: subscriber('bad', seen, fail), alertSink: definePlugin({ name: 'good', provides: tokens.alertSink, create: (ctx) => (ctx.hooks.on('runEnd', (e) => void seen.push(`good:${e.status}`)), { send: async () => undefined }) }) } }, file, {});
    runtime = await createRuntime(config, { logger });
    const result = await runPipeline(runtime, flow);
    expect(result.run.status).toBe('succeeded');
    expect(result.steps.map((s) => s.status)).toEqual(['succeeded', 'succeeded']);
    expect(seen.at(-1)).toBe('good:succeeded');
    expect(runtime.hooks.stats().errors).toEqual({ runStart: 1, stepStart: 2, stepLog: 1, artifactStored: 2, stepEnd: 2, runEnd: 1 });
    expect(warnings[0]).toMatch(/^a "runStart" hook failed \(1 failure so far\): bad (broke on|rejected) runStart$/);
  });

  it('a stepStart wrapper that throws leaves the step its service unwrapped, and says so in the step log', async () => {
    const broken = definePlugin({ name: 'wraps-badly', provides: tokens.monitor, create: (ctx) => (ctx.hooks.on('stepStart', (e) => e.decorate(tokens.alertSink, () => { throw new Error('no wrapper today'); })), {} as never) });
    const sink = definePlugin({ name: 'sink', provides: tokens.alertSink, create: () => ({ send: async () => undefined, kind: 'real' }) });
    const uses = step({ name: 'uses', uses: [tokens.alertSink], run: (_i, ctx) => ({ kind: { k: (ctx.resolve(tokens.alertSink) as unknown as { kind: string }).kind } }) });
    runtime = await createRuntime(await resolveConfig({ plugins: { ...storageOf(), monitor: broken, alertSink: sink } }, file, {}), { logger });
    const result = await runPipeline(runtime, pipeline({ name: 'wrapped', build: (p) => void p.add(uses, {}) }));
    expect(result.run.status).toBe('succeeded');
    expect(result.steps[0]!.logs).toContain("a stepStart hook's wrapper of the alert sink failed (no wrapper today); the step uses it unwrapped");
  });

  it('announce queues off the caller, bounded by weight: a full queue drops and counts, flush delivers the rest', async () => {
    const bus = createHookBus(logger, { maxQueued: 10 });
    const event = (rows: number) => ({ rows }) as PredictionsServedEvent;
    bus.announce('predictionsServed', event(4), 4); // no subscriber: nothing queued
    expect(bus.stats()).toEqual({ errors: {}, dropped: 0, queued: 0 });
    const got: number[] = [];
    bus.on('predictionsServed', (e) => {
      got.push(e.rows);
      if (e.rows === 3) throw new Error('monitor down');
    });
    bus.announce('predictionsServed', event(4), 4);
    bus.announce('predictionsServed', event(6), 6);
    bus.announce('predictionsServed', event(1), 1); // 11 > 10: dropped
    expect(got).toEqual([]); // nothing ran on the announcing path
    expect(bus.stats()).toEqual({ errors: {}, dropped: 1, queued: 10 });
    await bus.flush();
    expect(got).toEqual([4, 6]);
    bus.announce('predictionsServed', event(3), 3);
    await bus.flush();
    expect(bus.stats()).toEqual({ errors: { predictionsServed: 1 }, dropped: 1, queued: 0 });
    expect(got).toEqual([4, 6, 3]);
  });
});

describe('tokens.database', () => {
  const database: DatabaseService = { dialect: 'sqlite', schema: undefined, getClient: () => 'client', migrate: async () => [] };
  const needsDb = definePlugin({ name: 'needs-db', provides: tokens.monitor, requires: [tokens.database], create: (ctx) => ({ db: ctx.resolve(tokens.database) }) as never });

  it('a plugin provides it beside its own token; plugins that require it start after that one', async () => {
    const sqlish = definePlugin({ name: 'sqlish', provides: tokens.metadataStore, alsoProvides: [tokens.database], create: async (ctx) => (ctx.provide(tokens.database, database), memoryMetadataStore.create(ctx as never)) });
    runtime = await createRuntime(await resolveConfig({ plugins: { artifactStore: memoryArtifactStore, metadataStore: sqlish, monitor: needsDb } }, file, {}), { logger });
    expect((runtime.get(tokens.monitor) as unknown as { db: DatabaseService }).db).toBe(database);
    expect(runtime.get(tokens.database)).toBe(database);
  });

  it('is a missing dependency, naming the metadata stores that provide it, when the metadata store does not', async () => {
    const resolving = resolveConfig({ plugins: { ...storageOf(), monitor: needsDb } }, file, {});
    await expect(resolving).rejects.toBeInstanceOf(MissingDependencyError);
    await expect(resolving).rejects.toMatchObject({ missing: [{ plugin: 'needs-db', token: 'the SQL database (of the metadata store)', candidates: ["plugins.metadataStore: '@mlops/storage-local'", "plugins.metadataStore: '@mlops/storage-postgres'"] }] });
  });

  it('a plugin that lists it in alsoProvides must provide it, and may provide nothing else', async () => {
    const forgets = definePlugin({ name: 'forgets', provides: tokens.metadataStore, alsoProvides: [tokens.database], create: (ctx) => memoryMetadataStore.create(ctx as never) });
    await expect(createRuntime(await resolveConfig({ plugins: { artifactStore: memoryArtifactStore, metadataStore: forgets } }, file, {}), { logger })).rejects.toThrow('plugin "forgets" lists the SQL database (of the metadata store) in `alsoProvides` but its create did not call ctx.provide for it');
    const sneaks = definePlugin({ name: 'sneaks', provides: tokens.metadataStore, create: async (ctx) => (ctx.provide(tokens.database, database), memoryMetadataStore.create(ctx as never)) });
    await expect(createRuntime(await resolveConfig({ plugins: { artifactStore: memoryArtifactStore, metadataStore: sneaks } }, file, {}), { logger })).rejects.toThrow('plugin "sneaks" provided the SQL database (of the metadata store) without listing it in `alsoProvides`');
  });
});

function storageOf() {
  return { artifactStore: memoryArtifactStore, metadataStore: memoryMetadataStore };
}
