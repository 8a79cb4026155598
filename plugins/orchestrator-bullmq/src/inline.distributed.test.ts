import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { tokens } from '@mlops/core';
import { describeWithService, postgresTestUrl, tcpTargetOfUrl } from '@mlops/testkit';
import { assertBuilt, Cluster } from './__fixtures__/cluster';

const redisUrl = process.env.MLOPS_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const lines = (file: string) => readFileSync(file, 'utf8').trim().split('\n');

// Steps configured `isolation: 'inline'` (see __fixtures__/project/mlops.config.ts) on real workers.
describeWithService('postgres', tcpTargetOfUrl(postgresTestUrl(), 5432), () => {
  describeWithService('redis', tcpTargetOfUrl(redisUrl, 6379), () => {
    const cluster = new Cluster(redisUrl);
    beforeAll(async () => {
      assertBuilt();
      await cluster.open();
      await Promise.all([cluster.startWorker(), cluster.startWorker()]);
    }, 60_000);
    afterAll(() => cluster.close(), 60_000);

    it('runs inline steps in the worker processes themselves, each recorded once', async () => {
      const o = cluster.orchestrator;
      const run = await o.waitForRun((await o.submit({ pipeline: 'inline', params: { parts: 8 } })).run.id, { timeoutMs: 60_000 });
      expect(run.status).toBe('succeeded');
      expect(run.steps.map((s) => `${s.status}:${s.attempts}`)).toEqual(Array(8).fill('succeeded:1'));
      const workerPids = cluster.workers.map((w) => String(w.pid));
      const metadata = cluster.runtime.get(tokens.metadataStore);
      for (const s of run.steps) {
        // The step's process is a worker (an `mlops worker` pid), not a child of one.
        const [pid] = lines(join(cluster.dir, `${run.id}.${s.stepId}`));
        expect(workerPids).toContain(pid);
        expect(s.worker).toMatch(new RegExp(`:${pid}$`));
        const outputs = await metadata.listArtifacts({ runId: run.id, name: `inline/${s.stepId}/result` });
        expect(outputs.map((a) => a.id)).toEqual([s.outputs.result]);
      }
      expect((await metadata.listStepRuns(run.id)).map((s) => s.status)).toEqual(Array(8).fill('succeeded'));
    }, 90_000);

    it('a timed-out inline attempt is abandoned: it records nothing when it returns, and the retry output is the one kept', async () => {
      const o = cluster.orchestrator;
      const run = await o.waitForRun((await o.submit({ pipeline: 'inlinehang', params: { ms: 2500 } })).run.id, { timeoutMs: 60_000 });
      expect(run.status).toBe('succeeded');
      const step = run.steps[0];
      expect(step).toMatchObject({ stepId: 'sleepy', status: 'succeeded', attempts: 2 });
      const marker = join(cluster.dir, `${run.id}.sleepy`);
      // The run ended before the abandoned attempt woke up; wait for it to return (it saw its signal aborted).
      for (let i = 0; i < 100 && !lines(marker).includes('returned 1 true'); i++) await new Promise((r) => setTimeout(r, 100));
      expect(lines(marker).filter((l) => l.startsWith('returned')).sort()).toEqual(['returned 1 true', 'returned 2 false']);
      // Give it time to (wrongly) record; then exactly one output, the retry's, and its step run failed.
      await new Promise((r) => setTimeout(r, 500));
      const metadata = cluster.runtime.get(tokens.metadataStore);
      const outputs = await metadata.listArtifacts({ runId: run.id, name: 'inlinehang/sleepy/out' });
      expect(outputs.map((a) => a.id)).toEqual([step.outputs.out]);
      const artifacts = cluster.runtime.get(tokens.artifactStore);
      expect(JSON.parse(Buffer.from(await artifacts.get(outputs[0].digest)).toString())).toEqual({ attempt: 2 });
      const stepRuns = await metadata.listStepRuns(run.id);
      expect(stepRuns.map((s) => s.status).sort()).toEqual(['failed', 'succeeded']);
      expect(stepRuns.find((s) => s.status === 'failed')!.error).toMatch(/the attempt was given up on \(timed out or cancelled\) before its outputs were recorded/);
    }, 90_000);

    it('an inline step that times out on every attempt fails the run and records no output', async () => {
      const o = cluster.orchestrator;
      const run = await o.waitForRun((await o.submit({ pipeline: 'inlinehang', params: { ms: 2000, slow: 2 } })).run.id, { timeoutMs: 60_000 });
      expect(run.status).toBe('failed');
      expect(run.error).toBe('step "sleepy" failed after 2 attempts: timed out after 1000 ms (the inline step was abandoned: it records nothing when it returns)');
      const marker = join(cluster.dir, `${run.id}.sleepy`);
      for (let i = 0; i < 100 && lines(marker).filter((l) => l.startsWith('returned')).length < 2; i++) await new Promise((r) => setTimeout(r, 100));
      expect(lines(marker).filter((l) => l.startsWith('returned')).sort()).toEqual(['returned 1 true', 'returned 2 true']);
      await new Promise((r) => setTimeout(r, 500));
      const metadata = cluster.runtime.get(tokens.metadataStore);
      expect(await metadata.listArtifacts({ runId: run.id })).toEqual([]);
      expect((await metadata.listStepRuns(run.id)).map((s) => s.status)).toEqual(['failed', 'failed']);
    }, 60_000);
  });
});
