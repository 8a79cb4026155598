import * as path from 'node:path';
import { z } from 'zod';
import { memoryArtifactStore, memoryMetadataStore } from '@mlops/testkit';
import { resolveConfig } from '../config/resolveConfig';
import { createRuntime, type Runtime } from '../plugins/createRuntime';
import { pipeline } from '../pipeline/pipeline';
import { runPipeline } from '../pipeline/runPipeline';
import { step } from '../pipeline/step';
import { tokens } from '../tokens/tokens';
import { silentLogger } from '../util/logger';
import { runPipelineStep } from './runPipelineStep';

const source = step({ name: 'source', cache: false, params: z.object({ n: z.number() }), run: (_i, ctx) => ({ values: Array.from({ length: ctx.params.n }, (_, i) => i) }) });
const total = step({ name: 'total', cache: false, run: ({ values }: { values: number[] }) => ({ total: values.reduce((a, b) => a + b, 0) }) });
const sums = pipeline({
  name: 'sums',
  params: z.object({ n: z.number().int().positive() }),
  build: (p, { n }) => {
    const s = p.add(source, { params: { n } });
    p.add(total, { inputs: { values: s.out.values } });
  },
});

// A step that waits for the test to let it return (an inline step the worker cannot kill).
let release: (() => void) | undefined;
const waiting = step({ name: 'waiting', cache: false, run: async () => (await new Promise<void>((r) => (release = r)), { out: { ok: 1 } }) });
const slow = pipeline({ name: 'slow', build: (p) => void p.add(waiting, { id: 'w' }) });

let runtime: Runtime;
beforeEach(async () => {
  const config = await resolveConfig({ plugins: { artifactStore: memoryArtifactStore, metadataStore: memoryMetadataStore }, pipelines: { sums, slow } }, path.join(process.cwd(), 'mlops.config.ts'), {});
  runtime = await createRuntime(config, { logger: silentLogger });
});
afterEach(() => runtime.close());

async function orchestratedRun(id: string, n: number) {
  await runtime.get(tokens.metadataStore).createRun({ id, pipeline: 'sums', status: 'running', params: { n }, startedAt: 1, endedAt: null, error: null, host: 'orchestrator:test', pid: 0, configDigest: null, tags: {} });
  const src = await runPipelineStep(runtime, { runId: id, pipeline: 'sums', params: { n }, stepId: 'source', upstream: {} });
  return runPipelineStep(runtime, { runId: id, pipeline: 'sums', params: { n }, stepId: 'total', upstream: { source: src.outputs } });
}

async function startSlow(id: string, abort: AbortController, onCommit: () => void) {
  await runtime.get(tokens.metadataStore).createRun({ id, pipeline: 'slow', status: 'running', params: {}, startedAt: 1, endedAt: null, error: null, host: 'orchestrator:test', pid: 0, configDigest: null, tags: {} });
  release = undefined;
  const result = runPipelineStep(runtime, { runId: id, pipeline: 'slow', params: {}, stepId: 'w', upstream: {} }, { signal: abort.signal, abandonOnAbort: { onCommit } });
  let settled = false;
  result.then(undefined, () => undefined).finally(() => (settled = true));
  // Until the step's run function waits for `release` (or the step failed before: the test shows why).
  while (!release && !settled) await new Promise((r) => setTimeout(r, 1));
  // Wrapped: an async function returning the promise itself would wait for the step.
  return { result };
}

describe('runPipelineStep', () => {
  it('abandonOnAbort: an attempt aborted before recording records no outputs and fails; one aborted after commit completes', async () => {
    const metadata = runtime.get(tokens.metadataStore);
    const abort = new AbortController();
    const commit = jest.fn();
    const { result: given } = await startSlow('gone', abort, commit);
    abort.abort();
    release!();
    await expect(given).rejects.toThrow('the attempt was given up on (timed out or cancelled) before its outputs were recorded');
    expect(commit).not.toHaveBeenCalled();
    expect(await metadata.listArtifacts({ runId: 'gone' })).toEqual([]);
    expect((await metadata.listStepRuns('gone')).map((s) => s.status)).toEqual(['failed']);

    // Aborted once recording began (onCommit ran): the abort no longer applies, the outputs are recorded once.
    const late = new AbortController();
    const { result: kept } = await startSlow('kept', late, () => late.abort());
    release!();
    const result = await kept;
    expect(late.signal.aborted).toBe(true);
    expect((await metadata.listArtifacts({ runId: 'kept' })).map((a) => a.id)).toEqual([result.outputs.out]);
    expect((await metadata.listStepRuns('kept')).map((s) => s.status)).toEqual(['succeeded']);
  });

  it("writes an orchestrated step's run once, at its end, with its inputs and artifacts, durable with the orchestrator's next commit; a run in one process shows it from its start", async () => {
    const metadata = runtime.get(tokens.metadataStore);
    const creates = jest.spyOn(metadata, 'createStepRun');
    const finishes = jest.spyOn(metadata, 'finishStepRun');
    const records = jest.spyOn(metadata, 'recordStepRun');
    const result = await orchestratedRun('r1', 3);
    expect(creates).not.toHaveBeenCalled();
    expect(finishes).not.toHaveBeenCalled();
    expect(records.mock.calls.map(([o, options]) => [o.stepRun.step, o.stepRun.status, o.inputs.map((i) => i.name), o.artifacts.map((a) => a.output), options])).toEqual([
      ['source', 'succeeded', [], ['values'], { durableWithNextCommit: true }],
      ['total', 'succeeded', ['values'], ['total'], { durableWithNextCommit: true }],
    ]);
    const [, total] = await metadata.listStepRuns('r1');
    expect((await metadata.inputsOfStepRun(total.id)).map((i) => i.name)).toEqual(['values']);
    expect((await metadata.artifactsOfStepRun(total.id)).map((a) => a.id)).toEqual([result.outputs.total]);
    records.mockClear();
    await runPipeline(runtime, 'sums', { params: { n: 2 } });
    expect(creates.mock.calls.map((c) => [c[0].status, c[1]])).toEqual([
      ['running', undefined],
      ['running', undefined],
    ]);
    // Inputs went in at the start: the end adds the artifacts.
    expect(records.mock.calls.map(([o, options]) => [o.inputs.length, o.artifacts.length, options])).toEqual([
      [0, 1, undefined],
      [0, 1, undefined],
    ]);
  });

  it('records an orchestrated step that failed, with its inputs, and no artifact', async () => {
    const metadata = runtime.get(tokens.metadataStore);
    await metadata.createRun({ id: 'bad', pipeline: 'sums', status: 'running', params: { n: 2 }, startedAt: 1, endedAt: null, error: null, host: 'orchestrator:test', pid: 0, configDigest: null, tags: {} });
    const src = await runPipelineStep(runtime, { runId: 'bad', pipeline: 'sums', params: { n: 2 }, stepId: 'source', upstream: {} });
    const values = await metadata.getArtifact(src.outputs.values);
    // An upstream artifact whose blob is not in the artifact store: loading the input fails inside the step run.
    const { version: _version, ...recorded } = values!;
    await metadata.recordArtifact({ ...recorded, id: 'broken', digest: `sha256:${'0'.repeat(64)}` });
    await expect(runPipelineStep(runtime, { runId: 'bad', pipeline: 'sums', params: { n: 2 }, stepId: 'total', upstream: { source: { values: 'broken' } } })).rejects.toThrow();
    const failed = (await metadata.listStepRuns('bad')).find((s) => s.step === 'total')!;
    expect(failed).toMatchObject({ status: 'failed', error: expect.any(String) });
    expect(failed.endedAt).toEqual(expect.any(Number));
    expect((await metadata.inputsOfStepRun(failed.id)).map((i) => i.artifactId)).toEqual(['broken']);
    expect(await metadata.artifactsOfStepRun(failed.id)).toEqual([]);
  });

  it('plans each run from its own params (a worker runs steps of many runs)', async () => {
    const metadata = runtime.get(tokens.metadataStore);
    for (const [id, n] of [['a', 2], ['b', 4], ['a2', 2]] as const) await orchestratedRun(id, n);
    const params = async (runId: string) => (await metadata.listStepRuns(runId)).find((s) => s.step === 'source')!.params;
    expect([await params('a'), await params('b'), await params('a2')]).toEqual([{ n: 2 }, { n: 4 }, { n: 2 }]);
    await expect(runPipelineStep(runtime, { runId: 'b', pipeline: 'sums', params: { n: 4 }, stepId: 'nope', upstream: {} })).rejects.toThrow('pipeline "sums" has no step "nope"');
    await expect(runPipelineStep(runtime, { runId: 'c', pipeline: 'sums', params: { n: 'x' }, stepId: 'source', upstream: {} })).rejects.toThrow('pipeline "sums" params');
  });
});
