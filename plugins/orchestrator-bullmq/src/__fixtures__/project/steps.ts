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

/** One CPU-bound step that outlives its timeout (`hang.stuck`: 4 s, two attempts). */
export const hang = pipeline({
  name: 'hang',
  params: z.object({ ms: z.number().int().nonnegative().default(20_000) }),
  build: (p, params) => void p.add(slowStep('stuck'), { id: 'stuck', params: { ms: params.ms } }),
});

// Inline steps (`isolation: 'inline'` in the config) run in the worker itself: they report process.pid.
const light = step({
  name: 'light',
  params: z.object({ k: z.number().int() }),
  cache: false,
  run: (_i, ctx) => {
    appendFileSync(join(markDir(), `${ctx.runId}.${ctx.stepId}`), `${process.pid}\n`);
    return { result: { k: ctx.params.k, worker: process.pid } };
  },
});

/** `parts` independent inline steps. */
export const inline = pipeline({
  name: 'inline',
  params: z.object({ parts: z.number().int().min(1).max(32).default(6) }),
  build: (p, params) => {
    for (let k = 0; k < params.parts; k++) p.add(light, { id: `light-${k}`, params: { k } });
  },
});

/**
 * One inline step whose first `slow` attempts sleep `ms` (past its timeout, `inlinehang.sleepy`: 1 s)
 * without blocking the event loop, then return; later attempts return at once. The marker file gets a line
 * per attempt start, and `returned <attempt> <aborted>` when an attempt's run function returns.
 */
const sleepy = step({
  name: 'sleepy',
  params: z.object({ ms: z.number().int().nonnegative(), slow: z.number().int().nonnegative() }),
  cache: false,
  run: async (_i, ctx) => {
    const file = join(markDir(), `${ctx.runId}.${ctx.stepId}`);
    appendFileSync(file, `${process.pid}\n`);
    const attempt = readFileSync(file, 'utf8').trim().split('\n').filter((l) => !l.startsWith('returned')).length;
    if (attempt <= ctx.params.slow) await new Promise((r) => setTimeout(r, ctx.params.ms));
    appendFileSync(file, `returned ${attempt} ${ctx.signal.aborted}\n`);
    return { out: { attempt } };
  },
});

export const inlinehang = pipeline({
  name: 'inlinehang',
  params: z.object({ ms: z.number().int().nonnegative().default(2500), slow: z.number().int().nonnegative().default(1) }),
  build: (p, params) => void p.add(sleepy, { id: 'sleepy', params: { ms: params.ms, slow: params.slow } }),
});

// Batch dispatch: many small steps in a child process each (process isolation), one line per
// attempt in their marker (the worker's pid), and a join of all of them.
const piece = step({
  name: 'piece',
  params: z.object({ k: z.number().int(), ms: z.number().int().nonnegative(), failFirst: z.boolean().default(false) }),
  cache: false,
  run: (_i, ctx) => {
    const file = join(markDir(), `${ctx.runId}.${ctx.stepId}`);
    appendFileSync(file, `${process.ppid}\n`);
    if (ctx.params.failFirst && readFileSync(file, 'utf8').trim().split('\n').length === 1) throw new Error(`piece ${ctx.params.k} fails its first attempt`);
    busy(ctx.params.ms);
    return { out: { k: ctx.params.k } };
  },
});

const gather = step({
  name: 'gather',
  cache: false,
  run: (inputs: Record<string, { k: number }>, ctx) => {
    appendFileSync(join(markDir(), `${ctx.runId}.${ctx.stepId}`), `${process.ppid}\n`);
    return { all: { ks: Object.values(inputs).map((r) => r.k).sort((a, b) => a - b) } };
  },
});

/** piece-0..piece-(n-1), independent (ready together), all joined by `gather` (fan-in); the pieces in `failFirst` fail their first attempt. */
export const wide = pipeline({
  name: 'wide',
  params: z.object({ parts: z.number().int().min(1).max(64).default(40), ms: z.number().int().nonnegative().default(0), failFirst: z.array(z.number().int()).default([]) }),
  build: (p, params) => {
    const outs: Record<string, unknown> = {};
    for (let k = 0; k < params.parts; k++) outs[`p${k}`] = p.add(piece, { id: `piece-${k}`, params: { k, ms: params.ms, failFirst: params.failFirst.includes(k) } }).out.out;
    p.add(gather, { inputs: outs as never });
  },
});
