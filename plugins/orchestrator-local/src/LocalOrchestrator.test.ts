import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { tokens } from '@mlops/core';
import { assertBuilt, LocalProject, projectConfig } from './__fixtures__/project';

// This test process is the scheduler: it submits, and its own dispatcher runs the steps in child processes.
const project = new LocalProject({
  concurrency: 2,
  maxConcurrentRuns: 1,
  pollIntervalMs: 100,
  heartbeatMs: 200,
  staleAfterMs: 1500,
  defaults: { retry: { attempts: 2, delayMs: 100, factor: 2, maxDelayMs: 2000 }, timeoutMs: 60_000 },
  steps: { 'retrying.flaky': { retry: { attempts: 4, delayMs: 300, factor: 2, maxDelayMs: 5000 } }, 'hang.stuck': { timeoutMs: 4000, retry: { attempts: 2, delayMs: 100 } } },
});

/** Waits until `check` holds (polling), or fails naming what it waited for. */
async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('LocalOrchestrator (this process serves)', () => {
  beforeAll(async () => {
    assertBuilt();
    await project.open();
    await project.orchestrator.serveWorker!({ configFile: projectConfig });
  }, 60_000);
  afterAll(() => project.close(), 60_000);

  it('submits with an idempotency key once, runs the steps in child processes, and records the run with its trigger', async () => {
    const o = project.orchestrator;
    const first = await o.submit({ pipeline: 'chain', params: { ms: 50 }, idempotencyKey: 'chain-1', trigger: { kind: 'manual', source: 'test' } });
    const again = await o.submit({ pipeline: 'chain', params: { ms: 50 }, idempotencyKey: 'chain-1', trigger: { kind: 'manual', source: 'test' } });
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ created: false, run: { id: first.run.id } });
    const run = await o.waitForRun(first.run.id, { timeoutMs: 60_000 });
    expect(run.status).toBe('succeeded');
    expect(run.steps.map((s) => `${s.stepId}:${s.status}:${s.attempts}`).sort()).toEqual(['a:succeeded:1', 'b:succeeded:1', 'c:succeeded:1']);
    // Steps ran in children of this process, never in it.
    expect(project.marks(run.id, 'a')).toEqual([String(process.pid)]);
    expect((await o.listRuns({ pipeline: 'chain' })).map((r) => r.id)).toEqual([run.id]);
    expect(await project.runtime.get(tokens.metadataStore).getRun(run.id)).toMatchObject({ pipeline: 'chain', status: 'succeeded', tags: { trigger: 'manual' } });
  }, 90_000);

  it('waitForRun returns once the metadata store records the run as ended, not just the run state', async () => {
    const o = project.orchestrator;
    const metadata = project.runtime.get(tokens.metadataStore);
    const finishRun = metadata.finishRun;
    // The end reaches the metadata store after the commit that ended the run; make that gap wide.
    metadata.finishRun = async (id, patch) => {
      await new Promise((r) => setTimeout(r, 800));
      return finishRun.call(metadata, id, patch);
    };
    try {
      const run = await o.waitForRun((await o.submit({ pipeline: 'chain', params: { ms: 10 } })).run.id, { timeoutMs: 60_000 });
      expect(run.status).toBe('succeeded');
      expect(await metadata.getRun(run.id)).toMatchObject({ status: 'succeeded' });
    } finally {
      metadata.finishRun = finishRun;
    }
  }, 90_000);

  it('ends the record of a run that ended while its record still says running (a process killed between the two writes), once its grace has passed', async () => {
    const o = project.orchestrator as typeof project.orchestrator & { reconcileEndedRuns(now: number, graceMs: number): Promise<number> };
    const metadata = project.runtime.get(tokens.metadataStore);
    const run = await o.waitForRun((await o.submit({ pipeline: 'chain', params: { ms: 10 } })).run.id, { timeoutMs: 60_000 });
    expect(run.status).toBe('succeeded');
    // What a process killed after the commit that ended the run, before `finishRun`, leaves behind.
    await metadata.finishRun(run.id, { status: 'running', endedAt: null as unknown as number, error: null });
    expect(await metadata.getRun(run.id)).toMatchObject({ status: 'running' });
    // Within the grace the ending process may still be writing: left alone.
    expect(await o.reconcileEndedRuns(run.endedAt! + 1_000, 30_000)).toBe(0);
    expect(await metadata.getRun(run.id)).toMatchObject({ status: 'running' });
    expect(await o.reconcileEndedRuns(run.endedAt! + 31_000, 30_000)).toBe(1);
    expect(await metadata.getRun(run.id)).toMatchObject({ status: 'succeeded', endedAt: run.endedAt, error: null });
    expect(await o.reconcileEndedRuns(run.endedAt! + 31_000, 30_000)).toBe(0);
  }, 90_000);

  it('retries a failing step with exponential backoff, and fails the run when attempts run out', async () => {
    const o = project.orchestrator;
    const ok = await o.waitForRun((await o.submit({ pipeline: 'retrying', params: { failures: 2 } })).run.id, { timeoutMs: 30_000 });
    expect(ok.status).toBe('succeeded');
    expect(ok.steps[0]).toMatchObject({ stepId: 'flaky', attempts: 3, status: 'succeeded' });
    const times = project.marks(ok.id, 'flaky').map(Number);
    // retrying.flaky: 300 ms before the first retry, then 600 ms.
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(300);
    expect(times[2] - times[1]).toBeGreaterThanOrEqual(600);
    const bad = await o.waitForRun((await o.submit({ pipeline: 'retrying', params: { failures: 10 } })).run.id, { timeoutMs: 30_000 });
    expect(bad.status).toBe('failed');
    expect(bad.error).toMatch(/^step "flaky" failed after 4 attempts: .*flaky failure 4/);
    expect(project.marks(bad.id, 'flaky')).toHaveLength(4);
  }, 60_000);

  it('kills a CPU-bound step past its timeout, and keeps this process responsive while steps spin', async () => {
    const o = project.orchestrator;
    const started = Date.now();
    // This process's own CPU time while a child spins for up to 2 × 4 s: a step spinning here would
    // cost at least the 8 s it spins. (4 s, not less: an attempt's clock includes loading its inputs
    // and recording its start, which took over 1 s on a loaded 2-core machine, before the mark.) (CPU time, not timer lag: on a loaded CI machine the OS alone
    // can stall a process for a second, which says nothing about where the step ran.)
    const cpuBefore = process.cpuUsage();
    let ticks = 0;
    const probe = setInterval(() => ticks++, 20);
    const run = await o.waitForRun((await o.submit({ pipeline: 'hang' })).run.id, { timeoutMs: 45_000 }).finally(() => clearInterval(probe));
    const cpu = process.cpuUsage(cpuBefore);
    expect(run.status).toBe('failed');
    expect(run.error).toBe('step "stuck" failed after 2 attempts: timed out after 4000 ms (the child process was killed)');
    // Each attempt ran in a child of this process.
    expect(project.marks(run.id, 'stuck')).toEqual([String(process.pid), String(process.pid)]);
    // Two 4 s attempts, not two 20 s busy loops.
    expect(Date.now() - started).toBeLessThan(35_000);
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(3000);
    expect(ticks).toBeGreaterThan(0);
  }, 90_000);

  it('cancels a running run: its child is killed and no further step starts', async () => {
    const o = project.orchestrator;
    const { run } = await o.submit({ pipeline: 'chain', params: { ms: 10_000 } });
    await until('step a to start', () => project.marks(run.id, 'a').length === 1);
    const t0 = Date.now();
    expect((await o.cancel(run.id)).status).toBe('cancelled');
    await until('step a to stop', async () => (await o.getRun(run.id))!.steps.find((s) => s.stepId === 'a')!.status !== 'running', 10_000);
    // Killed within a few heartbeats, not after its 10 s loop.
    expect(Date.now() - t0).toBeLessThan(5000);
    const after = (await o.getRun(run.id))!;
    expect(after.status).toBe('cancelled');
    expect(after.steps.map((s) => `${s.stepId}:${s.status}`).sort()).toEqual(['a:failed', 'b:cancelled', 'c:cancelled']);
    expect(project.marks(run.id, 'b')).toEqual([]);
    expect((await project.runtime.get(tokens.metadataStore).getRun(run.id))!.error).toBe('cancelled');
  }, 60_000);

  it('starts at most maxConcurrentRuns runs at once; the next waits queued', async () => {
    const o = project.orchestrator;
    const a = (await o.submit({ pipeline: 'chain', params: { ms: 300 } })).run;
    const b = (await o.submit({ pipeline: 'chain', params: { ms: 300 } })).run;
    expect(a.status).toBe('running');
    expect(b.status).toBe('queued');
    expect((await o.queueStatus()).runs).toMatchObject({ running: 1, queued: 1 });
    const [ra, rb] = await Promise.all([o.waitForRun(a.id, { timeoutMs: 60_000 }), o.waitForRun(b.id, { timeoutMs: 60_000 })]);
    expect([ra.status, rb.status]).toEqual(['succeeded', 'succeeded']);
    expect(rb.startedAt!).toBeGreaterThanOrEqual(ra.endedAt!);
    const status = await o.queueStatus();
    expect(status.jobs).toEqual({ waiting: 0, delayed: 0, active: 0 });
    expect(status.workers.map((w) => w.id)).toEqual([`${require('node:os').hostname()}:${process.pid} (worker)`]);
  }, 90_000);
});
