import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { tokens } from '@mlops/core';
import { describeWithService, postgresTestUrl, tcpTargetOfUrl } from '@mlops/testkit';
import { assertBuilt, Cluster } from './__fixtures__/cluster';

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
      expect(run.steps.map((s) => `${s.stepId}:${s.status}:${s.attempts}`).sort()).toEqual(['join:succeeded:1', 'split:succeeded:1', ...[0, 1, 2, 3, 4, 5].map((k) => `work-${k}:succeeded:1`)]);
      const workers = new Set(run.steps.filter((s) => s.stepId.startsWith('work-')).map((s) => s.worker));
      expect(workers.size).toBe(3);
      // Fan-in: join read all six outputs, written by other processes, from the shared stores.
      const metadata = cluster.runtime.get(tokens.metadataStore);
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
  });
});
