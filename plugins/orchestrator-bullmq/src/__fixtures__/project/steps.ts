import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline, step } from '@mlops/core';
import { z } from 'zod';

// Test steps. Each reports the worker process it ran under (the child's parent) so tests see where
// it ran; `markDir` receives a line per attempt so tests see attempts and can kill that worker.
const markDir = () => process.env.ORCH_TEST_MARK_DIR!;

function busy(ms: number): void {
  // CPU-bound on purpose: the child's event loop is blocked, the worker's is not.
  const end = Date.now() + ms;
  while (Date.now() < end);
}

const split = step({
  name: 'split',
  params: z.object({ parts: z.number().int().positive() }),
  run: (_i, ctx) => ({ parts: Array.from({ length: ctx.params.parts }, (_, k) => k + 1) }),
});

const work = step({
  name: 'work',
  params: z.object({ k: z.number().int(), ms: z.number().int().nonnegative() }),
  cache: false,
  run: (inputs: { parts: number[] }, ctx) => {
    appendFileSync(join(markDir(), `${ctx.runId}.${ctx.stepId}`), `${process.ppid}\n`);
    busy(ctx.params.ms);
    return { result: { k: ctx.params.k, value: inputs.parts[ctx.params.k] * 10, worker: process.ppid } };
  },
});

const join_ = step({
  name: 'join',
  cache: false,
  run: (inputs: Record<string, { value: number; worker: number }>) => ({ total: { sum: Object.values(inputs).reduce((a, r) => a + r.value, 0), workers: [...new Set(Object.values(inputs).map((r) => r.worker))].length } }),
});

/** split → work-0..work-(n-1) (fan-out) → join (fan-in). */
export const fanout = pipeline({
  name: 'fanout',
  params: z.object({ parts: z.number().int().min(1).max(32).default(6), ms: z.number().int().nonnegative().default(400) }),
  build: (p, params) => {
    const s = p.add(split, { params: { parts: params.parts } });
    const outs: Record<string, unknown> = {};
    for (let k = 0; k < params.parts; k++) outs[`w${k}`] = p.add(work, { id: `work-${k}`, params: { k, ms: params.ms }, inputs: { parts: s.out.parts } }).out.result;
    p.add(join_, { inputs: outs as never });
  },
});

function slowStep(name: string) {
  return step({
    name,
    params: z.object({ ms: z.number().int().nonnegative() }),
    cache: false,
    run: (_inputs: { after?: unknown }, ctx) => {
      // The marker names this attempt's worker, so a test can SIGKILL exactly it mid-step.
      appendFileSync(join(markDir(), `${ctx.runId}.${ctx.stepId}`), `${process.ppid}\n`);
      busy(ctx.params.ms);
      return { done: { attemptWorker: process.ppid } };
    },
  });
}

/** Three CPU-bound steps in a chain. */
export const chain = pipeline({
  name: 'chain',
  params: z.object({ ms: z.number().int().nonnegative().default(1500) }),
  build: (p, params) => {
    const a = p.add(slowStep('slow-a'), { id: 'a', params: { ms: params.ms } });
    const b = p.add(slowStep('slow-b'), { id: 'b', params: { ms: params.ms }, inputs: { after: a.out.done } });
    p.add(slowStep('slow-c'), { id: 'c', params: { ms: params.ms }, inputs: { after: b.out.done } });
  },
});

const flaky = step({
  name: 'flaky',
  params: z.object({ failures: z.number().int().nonnegative() }),
  cache: false,
  run: (_i, ctx) => {
    const file = join(markDir(), `${ctx.runId}.${ctx.stepId}`);
    appendFileSync(file, `${Date.now()}\n`);
    const attempts = readFileSync(file, 'utf8').trim().split('\n').length;
    if (attempts <= ctx.params.failures) throw new Error(`flaky failure ${attempts}`);
    writeFileSync(join(markDir(), `${ctx.runId}.ok`), 'ok');
    return { ok: { attempts } };
  },
});

/** One step that fails its first `failures` attempts. */
export const retrying = pipeline({
  name: 'retrying',
  params: z.object({ failures: z.number().int().nonnegative().default(2) }),
  build: (p, params) => void p.add(flaky, { params: { failures: params.failures } }),
});

/** One CPU-bound step that outlives its timeout (`hang.stuck`: 1 s, two attempts). */
export const hang = pipeline({
  name: 'hang',
  params: z.object({ ms: z.number().int().nonnegative().default(20_000) }),
  build: (p, params) => void p.add(slowStep('stuck'), { id: 'stuck', params: { ms: params.ms } }),
});
