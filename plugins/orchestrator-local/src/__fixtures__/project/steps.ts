import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline, step } from '@mlops/core';
import { z } from 'zod';

// Test steps. Each appends a line per attempt to `<markDir>/<run>.<step>`, naming the process that
// runs the step's child (its parent), so tests see attempts and which scheduler ran them.
const markDir = () => process.env.ORCH_TEST_MARK_DIR!;
const mark = (runId: string, stepId: string, line: string) => appendFileSync(join(markDir(), `${runId}.${stepId}`), `${line}\n`);

function busy(ms: number): void {
  // CPU-bound on purpose: the child's event loop is blocked, the scheduler's is not.
  const end = Date.now() + ms;
  while (Date.now() < end);
}

function slowStep(name: string) {
  return step({
    name,
    params: z.object({ ms: z.number().int().nonnegative() }),
    cache: false,
    run: (_inputs: { after?: unknown }, ctx) => {
      mark(ctx.runId, ctx.stepId, String(process.ppid));
      busy(ctx.params.ms);
      return { done: { by: process.ppid } };
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
    mark(ctx.runId, ctx.stepId, String(Date.now()));
    const attempts = readFileSync(join(markDir(), `${ctx.runId}.${ctx.stepId}`), 'utf8').trim().split('\n').length;
    if (attempts <= ctx.params.failures) throw new Error(`flaky failure ${attempts}`);
    return { ok: { attempts } };
  },
});

/** One step that fails its first `failures` attempts. */
export const retrying = pipeline({
  name: 'retrying',
  params: z.object({ failures: z.number().int().nonnegative().default(2) }),
  build: (p, params) => void p.add(flaky, { params: { failures: params.failures } }),
});

/** One CPU-bound step that outlives its timeout (`hang.stuck`). */
export const hang = pipeline({
  name: 'hang',
  params: z.object({ ms: z.number().int().nonnegative().default(20_000) }),
  build: (p, params) => void p.add(slowStep('stuck'), { id: 'stuck', params: { ms: params.ms } }),
});

/** One step that returns at once. */
export const quick = pipeline({
  name: 'quick',
  params: z.object({ n: z.number().int().default(1) }),
  build: (p, params) => void p.add(step({ name: 'echo', params: z.object({ n: z.number().int() }), cache: false, run: (_i, ctx) => ({ out: { n: ctx.params.n } }) }), { id: 'echo', params: { n: params.n } }),
});

/**
 * One step configured `isolation: 'inline'` (`napping.nap`): it runs in the serving process itself
 * (marks `process.pid`), sleeps `ms` without blocking the event loop, then marks `returned <aborted>`.
 */
export const napping = pipeline({
  name: 'napping',
  params: z.object({ ms: z.number().int().nonnegative().default(0) }),
  build: (p, params) =>
    void p.add(
      step({
        name: 'nap',
        params: z.object({ ms: z.number().int().nonnegative() }),
        cache: false,
        run: async (_i, ctx) => {
          mark(ctx.runId, ctx.stepId, String(process.pid));
          await new Promise((r) => setTimeout(r, ctx.params.ms));
          mark(ctx.runId, ctx.stepId, `returned ${ctx.signal.aborted}`);
          return { out: { pid: process.pid } };
        },
      }),
      { id: 'nap', params: { ms: params.ms } },
    ),
});
