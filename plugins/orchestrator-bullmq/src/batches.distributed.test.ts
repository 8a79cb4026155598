import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { tokens } from '@mlops/core';
import type { StepJobData } from '@mlops/orchestration';
import { describeWithService, postgresTestUrl, tcpTargetOfUrl } from '@mlops/testkit';
import { assertBuilt, Cluster } from './__fixtures__/cluster';

const redisUrl = process.env.MLOPS_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const lines = (file: string) => readFileSync(file, 'utf8').trim().split('\n');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Batch dispatch (`maxStepsPerJob`, default 64) with three `mlops worker` processes.
describeWithService('postgres', tcpTargetOfUrl(postgresTestUrl(), 5432), () => {
  describeWithService('redis', tcpTargetOfUrl(redisUrl, 6379), () => {
    const cluster = new Cluster(redisUrl);
    let connection: IORedis;
    let queue: Queue;

    /** The BullMQ jobs that ran steps of a run, as the step ids each carried. */
    async function jobsOf(runId: string): Promise<string[][]> {
      const jobs = await queue.getJobs(['completed']);
      return jobs.filter((j) => (j.data as StepJobData).runId === runId).map((j) => (j.data as StepJobData).stepIds ?? [(j.data as StepJobData).stepId]);
    }

    beforeAll(async () => {
      assertBuilt();
      await cluster.open();
      await Promise.all([cluster.startWorker(), cluster.startWorker(), cluster.startWorker()]);
      connection = new IORedis(redisUrl, { maxRetriesPerRequest: null });
      queue = new Queue('pipeline-steps', { connection, prefix: cluster.prefix });
      // Batches are sized by the live worker slots, which each worker reads once a second.
      for (let i = 0; i < 100 && (await cluster.orchestrator.queueStatus()).workers.length < 3; i++) await sleep(100);
      await sleep(1500);
    }, 60_000);
    afterAll(async () => {
      await queue?.close();
      connection?.disconnect();
      await cluster.close();
    }, 60_000);

    it('a 40-step fan-out goes out in fewer jobs than steps, every step runs exactly once, and the join gets all 40', async () => {
      const o = cluster.orchestrator;
      const run = await o.waitForRun((await o.submit({ pipeline: 'wide', params: { parts: 40, ms: 100 } })).run.id, { timeoutMs: 90_000 });
      expect(run.status).toBe('succeeded');
      const pieces = Array.from({ length: 40 }, (_, k) => `piece-${k}`);
      expect(run.steps.map((s) => `${s.stepId}:${s.status}:${s.attempts}`).sort()).toEqual([...pieces, 'gather'].map((id) => `${id}:succeeded:1`).sort());
      for (const id of [...pieces, 'gather']) expect(lines(join(cluster.dir, `${run.id}.${id}`))).toHaveLength(1);
      // 40 ready steps, 3 slots: 3 jobs of 14, 13 and 13 (and the plan's job, and the join's).
      const jobs = await jobsOf(run.id);
      const pieceJobs = jobs.filter((ids) => ids.some((id) => id.startsWith('piece-')));
      expect(pieceJobs.map((ids) => ids.length).sort()).toEqual([13, 13, 14]);
      expect(pieceJobs.flat().sort()).toEqual([...pieces].sort());
      expect(jobs.length).toBeLessThan(run.steps.length);
      // The pieces ran on more than one worker.
      expect(new Set(run.steps.filter((s) => s.stepId.startsWith('piece-')).map((s) => s.worker)).size).toBeGreaterThan(1);
      const metadata = cluster.runtime.get(tokens.metadataStore);
      const stepRuns = await metadata.listStepRuns(run.id);
      expect(stepRuns.map((s) => `${s.step}:${s.status}`).sort()).toEqual([...pieces, 'gather'].map((id) => `${id}:succeeded`).sort());
      const all = await metadata.getArtifact(run.steps.find((s) => s.stepId === 'gather')!.outputs.all);
      const artifacts = cluster.runtime.get(tokens.artifactStore);
      expect(JSON.parse(Buffer.from(await artifacts.get(all!.digest)).toString())).toEqual({ ks: Array.from({ length: 40 }, (_, k) => k) });
    }, 120_000);

    it('a fan-in whose parents complete in one batch job runs once, with every parent counted', async () => {
      const o = cluster.orchestrator;
      const run = await o.waitForRun((await o.submit({ pipeline: 'wide', params: { parts: 6, ms: 0 } })).run.id, { timeoutMs: 60_000 });
      expect(run.status).toBe('succeeded');
      // 6 ready steps, 3 slots: three jobs of two parents each.
      const pieceJobs = (await jobsOf(run.id)).filter((ids) => ids.some((id) => id.startsWith('piece-')));
      expect(pieceJobs.map((ids) => ids.length)).toEqual([2, 2, 2]);
      expect(run.steps.find((s) => s.stepId === 'gather')).toMatchObject({ status: 'succeeded', attempts: 1 });
      expect(lines(join(cluster.dir, `${run.id}.gather`))).toHaveLength(1);
      const metadata = cluster.runtime.get(tokens.metadataStore);
      const all = await metadata.getArtifact(run.steps.find((s) => s.stepId === 'gather')!.outputs.all);
      const artifacts = cluster.runtime.get(tokens.artifactStore);
      expect(JSON.parse(Buffer.from(await artifacts.get(all!.digest)).toString())).toEqual({ ks: [0, 1, 2, 3, 4, 5] });
    }, 90_000);

    it('a step failing inside a batch fails alone and is retried alone; its batch-mates succeed once', async () => {
      const o = cluster.orchestrator;
      const run = await o.waitForRun((await o.submit({ pipeline: 'wide', params: { parts: 6, ms: 0, failFirst: [2] } })).run.id, { timeoutMs: 60_000 });
      expect(run.status).toBe('succeeded');
      const pieces = Array.from({ length: 6 }, (_, k) => `piece-${k}`);
      expect(run.steps.map((s) => `${s.stepId}:${s.status}:${s.attempts}`).sort()).toEqual([...pieces.map((id) => `${id}:succeeded:${id === 'piece-2' ? 2 : 1}`), 'gather:succeeded:1'].sort());
      for (const id of pieces) expect(lines(join(cluster.dir, `${run.id}.${id}`))).toHaveLength(id === 'piece-2' ? 2 : 1);
      expect(lines(join(cluster.dir, `${run.id}.gather`))).toHaveLength(1);
      // The failed attempt's step run is recorded failed; the retry's succeeded; one succeeded run per step.
      const stepRuns = await cluster.runtime.get(tokens.metadataStore).listStepRuns(run.id);
      expect(stepRuns.filter((s) => s.step === 'piece-2').map((s) => s.status).sort()).toEqual(['failed', 'succeeded']);
      for (const id of [...pieces, 'gather']) expect(stepRuns.filter((s) => s.step === id && s.status === 'succeeded')).toHaveLength(1);
    }, 90_000);

    it('a run cancelled while its batches run: no step starts after the cancel, the steps not started end cancelled', async () => {
      const o = cluster.orchestrator;
      // 12 ready steps, 3 slots: three jobs of four steps of 3 s each.
      const { run } = await o.submit({ pipeline: 'wide', params: { parts: 12, ms: 3000 } });
      const pieces = Array.from({ length: 12 }, (_, k) => `piece-${k}`);
      const marker = (id: string) => join(cluster.dir, `${run.id}.${id}`);
      for (let i = 0; i < 600 && !pieces.some((id) => existsSync(marker(id))); i++) await sleep(20);
      const cancelAt = Date.now();
      expect((await o.cancel(run.id)).status).toBe('cancelled');
      // The steps in flight are killed at their worker's next heartbeat (lockDurationMs / 3 = 2 s).
      let current = (await o.getRun(run.id))!;
      for (let i = 0; i < 300 && current.steps.some((s) => s.status === 'running'); i++) {
        await sleep(100);
        current = (await o.getRun(run.id))!;
      }
      expect(current.steps.filter((s) => s.status === 'running')).toEqual([]);
      const started = pieces.filter((id) => existsSync(marker(id)));
      // At most the first step of each of the three jobs; none started after the cancel.
      expect(started.length).toBeGreaterThan(0);
      expect(started.length).toBeLessThanOrEqual(3);
      for (const id of started) expect(statSync(marker(id)).mtimeMs).toBeLessThan(cancelAt + 1000);
      for (const id of pieces.filter((p) => !started.includes(p))) expect(current.steps.find((s) => s.stepId === id)!.status).toBe('cancelled');
      expect(current.steps.find((s) => s.stepId === 'gather')!.status).toBe('cancelled');
    }, 90_000);

    it('a worker SIGKILLed mid-batch: another takes the job over, skips the step it committed, re-runs the killed one (attempt counted), runs the rest once', async () => {
      const o = cluster.orchestrator;
      // 12 ready steps, 3 slots: three jobs of four steps of 1.5 s each.
      const { run } = await o.submit({ pipeline: 'wide', params: { parts: 12, ms: 1500 } });
      const pieces = Array.from({ length: 12 }, (_, k) => `piece-${k}`);
      const firstWorker = (id: string): number | undefined => {
        try {
          return Number(lines(join(cluster.dir, `${run.id}.${id}`))[0]);
        } catch {
          return undefined;
        }
      };
      const startedBy = () => {
        const started = new Map<number, string[]>();
        for (const id of pieces) {
          const w = firstWorker(id);
          if (w !== undefined) started.set(w, [...(started.get(w) ?? []), id]);
        }
        return started;
      };
      // The victim: a worker on the second step of its batch whose first one finished and was
      // committed (a batch's group commit waits at most 100 ms for the steps after it).
      let victim: number | undefined;
      let committed = new Set<string>();
      for (let i = 0; i < 600 && victim === undefined; i++) {
        await sleep(50);
        const candidate = [...startedBy()].find(([, ids]) => ids.length === 2);
        if (!candidate) continue;
        committed = new Set((await o.getRun(run.id))!.steps.filter((s) => s.status === 'succeeded').map((s) => s.stepId));
        // Still on its second step (the read above took a while): kill it now.
        if (candidate[1].some((id) => committed.has(id)) && startedBy().get(candidate[0])?.length === 2) victim = candidate[0];
      }
      expect(cluster.workers.map((w) => w.pid)).toContain(victim);
      process.kill(victim!, 'SIGKILL');
      await cluster.startWorker();
      const done = await o.waitForRun(run.id, { timeoutMs: 120_000 });
      expect(done.status).toBe('succeeded');
      const markers = Object.fromEntries(pieces.map((id) => [id, lines(join(cluster.dir, `${run.id}.${id}`)).map(Number)]));
      const byId = new Map(done.steps.map((s) => [s.stepId, s]));
      const order = (a: string, b: string) => Number(a.split('-')[1]) - Number(b.split('-')[1]);
      const victims = pieces.filter((id) => markers[id][0] === victim).sort(order);
      // The victim started two steps: the first was committed (not run again), the second was killed
      // and ran again on another worker.
      expect(victims).toHaveLength(2);
      const [finished, killed] = victims;
      expect(committed.has(finished)).toBe(true);
      expect(markers[finished]).toEqual([victim]);
      expect(byId.get(finished)).toMatchObject({ status: 'succeeded', attempts: 1 });
      expect(markers[killed]).toHaveLength(2);
      expect(markers[killed][1]).not.toBe(victim);
      expect(byId.get(killed)).toMatchObject({ status: 'succeeded', attempts: 2 });
      // Every other step ran once, as attempt 1: the killed batch's steps not started count no attempt.
      for (const id of pieces.filter((p) => p !== killed)) {
        expect(markers[id]).toHaveLength(1);
        expect(byId.get(id)).toMatchObject({ status: 'succeeded', attempts: 1 });
      }
      // One succeeded step run and one output per step: the killed attempt recorded nothing.
      const metadata = cluster.runtime.get(tokens.metadataStore);
      const stepRuns = (await metadata.listStepRuns(run.id)).filter((s) => s.step.startsWith('piece-'));
      expect(stepRuns.map((s) => `${s.step}:${s.status}`).sort()).toEqual(pieces.map((id) => `${id}:succeeded`).sort());
      for (const id of [finished, killed]) {
        const outputs = await metadata.listArtifacts({ runId: run.id, name: `wide/${id}/out` });
        expect(outputs.map((r) => r.id)).toEqual([byId.get(id)!.outputs.out]);
      }
    }, 180_000);
  });
});
