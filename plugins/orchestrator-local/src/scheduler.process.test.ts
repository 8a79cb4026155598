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

describe('the embedded default, with no orchestrator in the config', () => {
  const project = new LocalProject(null);
  afterAll(() => project.close(), 60_000);

  it('is what `mlops config check` shows, and `mlops retrain` with no scheduler running runs the pipeline in the foreground', () => {
    assertBuilt();
    const check = project.cli('config', 'check');
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(/orchestrator\s+orchestrator-local\s+@mlops\/orchestrator-local\s+mlops:database, metadataStore/);
    const r = project.cli('retrain', 'quick', '-p', 'n=7');
    expect(r.stderr).toMatch(/^submitted run (\w+) of quick \(1 steps\)\nno `mlops scheduler` is running: running \1 here in the foreground \(start `mlops scheduler` to run submitted runs in the background\)\n$/);
    expect(r.stdout).toMatch(/^run \w+ succeeded\n$/);
    expect(r.status).toBe(0);
    const id = /run (\w+) succeeded/.exec(r.stdout)![1];
    // Run history: the metadata store's run carries the trigger.
    const show = project.cli('runs', 'show', id);
    expect(show.status).toBe(0);
    expect(show.stdout).toMatch(/succeeded/);
    expect(show.stdout).toMatch(/tags trigger=manual/);
    expect(project.cli('runs', 'ls').stdout).toContain(id);
  }, 120_000);
});

describe('mlops scheduler', () => {
  const project = new LocalProject({ pollIntervalMs: 100, heartbeatMs: 200, staleAfterMs: 1500, defaults: { retry: { attempts: 3, delayMs: 100 }, timeoutMs: 60_000 } });
  beforeAll(async () => {
    assertBuilt();
    // This process only submits and reads: it serves nothing.
    await project.open();
  }, 60_000);
  afterAll(() => project.close(), 60_000);

  it('takes runs that `mlops retrain` submits; `mlops queue status` lists it', async () => {
    const scheduler = await project.startScheduler();
    const status = project.cli('queue', 'status', '--json');
    expect(status.status).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ workers: [{ id: expect.stringMatching(new RegExp(`:${scheduler.pid} \\(scheduler\\)$`)) }] });
    const r = project.cli('retrain', 'chain', '-p', 'ms=0', '--key', 'cli-1', '--wait', '--json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { created: boolean; run: { id: string; status: string; trigger: { kind: string } } };
    expect(out).toMatchObject({ created: true, run: { status: 'succeeded', trigger: { kind: 'manual' } } });
    // Run by the scheduler's step children, not by the CLI process.
    expect(project.marks(out.run.id, 'a')).toEqual([String(scheduler.pid)]);
    const again = project.cli('retrain', 'chain', '-p', 'ms=0', '--key', 'cli-1');
    expect(again.stderr).toMatch(/^already submitted with this key: run /);
    expect(again.stdout).toBe(`${out.run.id}\n`);
  }, 120_000);

  it('SIGKILLed mid-step and restarted, resumes the run: the step runs again and its output is recorded once', async () => {
    const o = project.orchestrator;
    const { run } = await o.submit({ pipeline: 'chain', params: { ms: 2500 }, trigger: { kind: 'manual', source: 'test' } });
    await until('step a to start', () => project.marks(run.id, 'a').length === 1);
    const victim = Number(project.marks(run.id, 'a')[0]);
    const killed = project.schedulers.find((s) => s.pid === victim)!;
    const exited = new Promise((r) => killed.once('exit', r));
    killed.kill('SIGKILL');
    await exited;
    const restarted = await project.startScheduler();
    const done = await o.waitForRun(run.id, { timeoutMs: 60_000 });
    expect(done.status).toBe('succeeded');
    const a = done.steps.find((s) => s.stepId === 'a')!;
    expect(a.attempts).toBe(2);
    expect(project.marks(run.id, 'a')).toEqual([String(victim), String(restarted.pid)]);
    // One output recorded for step a: the killed attempt recorded nothing (its orphaned child quit).
    const metadata = project.runtime.get(tokens.metadataStore);
    const outputs = await metadata.listArtifacts({ runId: run.id, name: 'chain/a/done' });
    expect(outputs.map((r) => r.id)).toEqual([a.outputs.done]);
    expect((await metadata.listStepRuns(run.id)).filter((s) => s.step === 'a' && s.status === 'succeeded')).toHaveLength(1);
    expect((await metadata.getRun(run.id))!.status).toBe('succeeded');
  }, 120_000);
});
