import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { tokens } from '@mlops/core';
import { describeWithService, postgresTestUrl, tcpTargetOfUrl } from '@mlops/testkit';
import { assertBuilt, cliBin, Cluster, projectConfig } from './__fixtures__/cluster';

const redisUrl = process.env.MLOPS_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const lines = (file: string) => readFileSync(file, 'utf8').trim().split('\n');

describeWithService('postgres', tcpTargetOfUrl(postgresTestUrl(), 5432), () => {
  describeWithService('redis', tcpTargetOfUrl(redisUrl, 6379), () => {
    const cluster = new Cluster(redisUrl);
    beforeAll(async () => {
      assertBuilt();
      await cluster.open();
      // Three `mlops worker` processes (unique queue prefix and Postgres schema for this test).
      await Promise.all([cluster.startWorker(), cluster.startWorker(), cluster.startWorker()]);
    }, 60_000);
    afterAll(() => cluster.close(), 60_000);

    it('fans a pipeline out across three workers and back in; the same idempotency key gives the same run', async () => {
      const o = cluster.orchestrator;
      const first = await o.submit({ pipeline: 'fanout', params: { parts: 6, ms: 600 }, idempotencyKey: 'fanout-1', trigger: { kind: 'manual', source: 'test' } });
      expect(first.created).toBe(true);
      const again = await o.submit({ pipeline: 'fanout', params: { parts: 6, ms: 600 }, idempotencyKey: 'fanout-1' });
      expect(again).toMatchObject({ created: false, run: { id: first.run.id } });
      const run = await o.waitForRun(first.run.id, { timeoutMs: 60_000 });
      expect(run.status).toBe('succeeded');
      // No attempt failed (a failed one is in the metadata store with its error).
      const metadata = cluster.runtime.get(tokens.metadataStore);
      expect((await metadata.listStepRuns(run.id)).filter((s) => s.status !== 'succeeded').map((s) => `${s.step}: ${s.status} ${s.error}`)).toEqual([]);
      expect(run.steps.map((s) => `${s.stepId}:${s.status}:${s.attempts}`).sort()).toEqual(['join:succeeded:1', 'split:succeeded:1', ...[0, 1, 2, 3, 4, 5].map((k) => `work-${k}:succeeded:1`)]);
      const workers = new Set(run.steps.filter((s) => s.stepId.startsWith('work-')).map((s) => s.worker));
      expect(workers.size).toBe(3);
      // Fan-in: join read all six outputs, written by other processes, from the shared stores.
      const artifacts = cluster.runtime.get(tokens.artifactStore);
      const total = await metadata.getArtifact(run.steps.find((s) => s.stepId === 'join')!.outputs.total);
      expect(JSON.parse(Buffer.from(await artifacts.get(total!.digest)).toString())).toEqual({ sum: 210, workers: 3 });
      expect((await metadata.getRun(run.id))!.status).toBe('succeeded');
      expect((await o.listRuns({ pipeline: 'fanout' })).map((r) => r.id)).toEqual([run.id]);
    }, 90_000);

    it('retries a failing step with exponential backoff, and fails the run when attempts run out', async () => {
      const o = cluster.orchestrator;
      const ok = await o.waitForRun((await o.submit({ pipeline: 'retrying', params: { failures: 2 } })).run.id, { timeoutMs: 30_000 });
      expect(ok.status).toBe('succeeded');
      expect(ok.steps[0]).toMatchObject({ stepId: 'flaky', attempts: 3, status: 'succeeded' });
      const times = lines(join(cluster.dir, `${ok.id}.flaky`)).map(Number);
      // Policy for retrying.flaky: 300 ms, then 600 ms.
      expect(times[1] - times[0]).toBeGreaterThanOrEqual(300);
      expect(times[2] - times[1]).toBeGreaterThanOrEqual(600);
      const bad = await o.waitForRun((await o.submit({ pipeline: 'retrying', params: { failures: 10 } })).run.id, { timeoutMs: 30_000 });
      expect(bad.status).toBe('failed');
      expect(bad.error).toMatch(/^step "flaky" failed after 4 attempts: .*flaky failure 4/);
      expect(lines(join(cluster.dir, `${bad.id}.flaky`))).toHaveLength(4);
    }, 60_000);

    it('a run with bad params fails at planning, naming the param, without retries', async () => {
      const o = cluster.orchestrator;
      const run = await o.waitForRun((await o.submit({ pipeline: 'fanout', params: { parts: 'many' } })).run.id, { timeoutMs: 30_000 });
      expect(run.status).toBe('failed');
      expect(run.error).toMatch(/^planning the run failed after 1 attempt: .*pipeline "fanout" params.*parts/);
      expect(run.steps).toEqual([]);
    }, 60_000);

    it('a worker SIGKILLed mid-step has its step retried by another worker, with one recorded output', async () => {
      const o = cluster.orchestrator;
      const { run } = await o.submit({ pipeline: 'chain', params: { ms: 2500 } });
      const marker = join(cluster.dir, `${run.id}.a`);
      let victim: number | undefined;
      for (let i = 0; i < 300 && victim === undefined; i++) {
        await new Promise((r) => setTimeout(r, 100));
        try {
          victim = Number(lines(marker)[0]);
        } catch {
          // not started yet
        }
      }
      expect(cluster.workers.map((w) => w.pid)).toContain(victim);
      process.kill(victim!, 'SIGKILL');
      // Keep three workers for what follows.
      await cluster.startWorker();
      const done = await o.waitForRun(run.id, { timeoutMs: 60_000 });
      expect(done.status).toBe('succeeded');
      const a = done.steps.find((s) => s.stepId === 'a')!;
      expect(a.attempts).toBe(2);
      const attemptWorkers = lines(marker).map(Number);
      expect(attemptWorkers).toHaveLength(2);
      expect(attemptWorkers[0]).toBe(victim);
      expect(attemptWorkers[1]).not.toBe(victim);
      // One output recorded for step a: the killed attempt recorded nothing.
      const metadata = cluster.runtime.get(tokens.metadataStore);
      const outputs = await metadata.listArtifacts({ runId: run.id, name: 'chain/a/done' });
      expect(outputs.map((r) => r.id)).toEqual([a.outputs.done]);
      const stepRuns = (await metadata.listStepRuns(run.id)).filter((s) => s.step === 'a').map((s) => s.status);
      expect(stepRuns.filter((s) => s === 'succeeded')).toHaveLength(1);
    }, 120_000);

    it('a step past its timeout is killed (its child process with it) and counts as a failed attempt', async () => {
      const o = cluster.orchestrator;
      const started = Date.now();
      const run = await o.waitForRun((await o.submit({ pipeline: 'hang' })).run.id, { timeoutMs: 45_000 });
      expect(run.status).toBe('failed');
      expect(run.error).toBe('step "stuck" failed after 2 attempts: timed out after 4000 ms (the child process was killed)');
      // Each attempt wrote its line (4 s each: an attempt's clock includes loading its inputs, which
      // took over 1 s on a loaded 2-core machine, before the line is written).
      expect(lines(join(cluster.dir, `${run.id}.stuck`))).toHaveLength(2);
      // Two 4 s attempts, not two 20 s busy loops.
      expect(Date.now() - started).toBeLessThan(38_000);
    }, 90_000);

    it('mlops retrain submits (a bad param exits 2 naming it), mlops queue status counts runs and workers', () => {
      const cli = (...args: string[]) => spawnSync(process.execPath, [cliBin, ...args, '-c', projectConfig], { env: cluster.env, encoding: 'utf8', timeout: 60_000 });
      const bad = cli('retrain', 'fanout', '-p', 'parts=0');
      expect(bad.status).toBe(2);
      expect(bad.stderr).toMatch(/pipeline "fanout" params.*parts/);
      const ok = cli('retrain', 'fanout', '-p', 'parts=2', '-p', 'ms=0', '--key', 'cli-1', '--wait', '--json');
      expect(ok.stderr).toBe('');
      expect(ok.status).toBe(0);
      const out = JSON.parse(ok.stdout) as { created: boolean; run: { status: string; trigger: { kind: string }; steps: unknown[] } };
      expect(out).toMatchObject({ created: true, run: { status: 'succeeded', trigger: { kind: 'manual' } } });
      expect(out.run.steps).toHaveLength(4);
      const again = cli('retrain', 'fanout', '-p', 'parts=2', '-p', 'ms=0', '--key', 'cli-1');
      expect(again.stderr).toMatch(/^already submitted with this key: run /);
      const status = cli('queue', 'status', '--json');
      expect(status.status).toBe(0);
      const s = JSON.parse(status.stdout) as { jobs: Record<string, number>; runs: Record<string, number>; workers: unknown[] };
      expect(s.workers).toHaveLength(3);
      expect(s.jobs.active).toBe(0);
      expect(s.runs.running ?? 0).toBe(0);
      expect(s.runs.succeeded).toBeGreaterThanOrEqual(4);
    }, 90_000);

    it('SIGTERM stops a worker gracefully: the step it is running finishes first, once', async () => {
      const o = cluster.orchestrator;
      const { run } = await o.submit({ pipeline: 'chain', params: { ms: 2000 } });
      const marker = join(cluster.dir, `${run.id}.a`);
      let pid: number | undefined;
      for (let i = 0; i < 300 && pid === undefined; i++) {
        await new Promise((r) => setTimeout(r, 100));
        try {
          pid = Number(lines(marker)[0]);
        } catch {
          // not started yet
        }
      }
      const worker = cluster.workers.find((w) => w.pid === pid)!;
      const exited = new Promise<number | null>((r) => worker.once('exit', (code) => r(code)));
      worker.kill('SIGTERM');
      const code = await exited;
      // It left only after finishing step a.
      expect((await o.getRun(run.id))!.steps.find((s) => s.stepId === 'a')).toMatchObject({ status: 'succeeded', attempts: 1 });
      expect(code).toBe(143);
      await cluster.startWorker();
      const done = await o.waitForRun(run.id, { timeoutMs: 60_000 });
      expect(done.status).toBe('succeeded');
      expect(lines(marker)).toHaveLength(1);
    }, 90_000);
  });
});
