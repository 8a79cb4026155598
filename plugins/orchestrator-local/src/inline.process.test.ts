import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { tokens } from '@mlops/core';
import { assertBuilt, LocalProject } from './__fixtures__/project';

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// `napping.nap` runs inline: in the `mlops scheduler` process itself, not in one of its children.
// (A scheduler process, not this one: under jest a runtime loaded from the config file by path
// lives in another realm than this test's core.)
describe('mlops scheduler with an inline step', () => {
  const project = new LocalProject({ pollIntervalMs: 100, heartbeatMs: 200, staleAfterMs: 1500, defaults: { retry: { attempts: 2, delayMs: 100 }, timeoutMs: 60_000 }, steps: { 'napping.nap': { isolation: 'inline' } } });
  let scheduler: ChildProcess;
  beforeAll(async () => {
    assertBuilt();
    await project.open();
    scheduler = await project.startScheduler();
  }, 60_000);
  afterAll(() => project.close(), 60_000);

  it('runs the step in the scheduler process, its output recorded once', async () => {
    const o = project.orchestrator;
    const run = await o.waitForRun((await o.submit({ pipeline: 'napping' })).run.id, { timeoutMs: 30_000 });
    expect(run.steps.map((s) => `${s.stepId}:${s.status}:${s.attempts}`)).toEqual(['nap:succeeded:1']);
    expect(project.marks(run.id, 'nap')).toEqual([String(scheduler.pid), 'returned false']);
    expect((await project.runtime.get(tokens.metadataStore).listArtifacts({ runId: run.id })).map((a) => a.id)).toEqual([run.steps[0].outputs.out]);
  }, 60_000);

  it('a cancelled inline step is abandoned at once and records nothing when it returns', async () => {
    const o = project.orchestrator;
    const metadata = project.runtime.get(tokens.metadataStore);
    const { run } = await o.submit({ pipeline: 'napping', params: { ms: 3000 } });
    await until('nap to start', () => project.marks(run.id, 'nap').length === 1);
    await o.cancel(run.id);
    // Given up on within a few heartbeats, long before the nap ends.
    await until('nap to be given up on', async () => (await o.getRun(run.id))!.steps[0].status === 'failed', 2500);
    expect(project.marks(run.id, 'nap')).toHaveLength(1);
    await until('the abandoned nap to return', () => project.marks(run.id, 'nap').length === 2, 10_000);
    expect(project.marks(run.id, 'nap')[1]).toBe('returned true');
    await new Promise((r) => setTimeout(r, 300));
    expect(await metadata.listArtifacts({ runId: run.id })).toEqual([]);
    expect((await metadata.listStepRuns(run.id)).map((s) => s.status)).toEqual(['failed']);
    expect((await o.getRun(run.id))!.status).toBe('cancelled');
  }, 60_000);
});
