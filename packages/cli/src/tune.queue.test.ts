import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describeWithService, dropPostgresSchema, postgresTestUrl, tcpTargetOfUrl, uniqueTestName } from '@mlops/testkit';
import { openSqlMetadataStore, sqlHandleOf } from '@mlops/sql-metadata';
import { SqlTracker } from '@mlops/tracker';

// `mlops tune run --queue` on the distributed setup: trials go through BullMQ (the shared Redis,
// a prefix of our own) to two `mlops worker` processes, study and runs in Postgres (a schema of our own).
const repo = path.resolve(__dirname, '../../..');
const bin = path.join(repo, 'packages/cli/bin/mlops.js');
const redisUrl = process.env.MLOPS_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

// Each trial's score is a known function of its params, so the best trial can be checked by hand.
// `score` and `publish` leave a marker naming the worker process that ran them.
const config = `
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, defineStudy, env, pipeline, step } from '@mlops/core';
import { z } from 'zod';

const mark = (runId: string, what: string) => appendFileSync(join(process.env.TUNE_Q_MARKS!, runId + '.' + what), process.ppid + '\\n');
const prep = step({ name: 'prep', run: () => ({ centre: { x: 0.3, y: -0.1 } }) });
const score = step({
  name: 'score',
  params: z.object({ x: z.number(), y: z.number() }),
  run: ({ centre }: { centre: { x: number; y: number } }, ctx) => {
    mark(ctx.runId, 'score');
    const end = Date.now() + 200;
    while (Date.now() < end);
    return { metrics: { loss: (ctx.params.x - centre.x) ** 2 + (ctx.params.y - centre.y) ** 2 } };
  },
});
const publish = step({ name: 'publish', cache: false, run: (_i: { metrics: unknown }, ctx) => (mark(ctx.runId, 'publish'), { done: { ok: true } }) });
const quad = pipeline({
  name: 'quad',
  params: z.object({ x: z.number().default(0), y: z.number().default(0) }),
  build: (p, params) => {
    const c = p.add(prep);
    const s = p.add(score, { params: { x: params.x, y: params.y }, inputs: { centre: c.out.centre } });
    p.add(publish, { inputs: { metrics: s.out.metrics } });
  },
});
const quadStudy = defineStudy({
  pipeline: 'quad',
  objective: 'score.loss',
  space: (t) => ({ x: t.suggestFloat('x', -1, 1), y: t.suggestFloat('y', -1, 1) }),
  sampler: { kind: 'random', seed: 11 },
});
export default defineConfig({
  logLevel: 'warn',
  plugins: {
    artifactStore: { use: '@mlops/storage-local', options: { path: env('TUNE_Q_ARTIFACTS') } },
    metadataStore: { use: '@mlops/storage-postgres', options: { connection: env('TUNE_Q_PG_URL'), schema: env('TUNE_Q_PG_SCHEMA') } },
    tracker: '@mlops/tracker',
    tuner: { use: '@mlops/tuner', options: { studies: { quad: quadStudy }, heartbeatMs: 1000, staleAfterMs: 30000 } },
    orchestrator: { use: '@mlops/orchestrator-bullmq', options: { redisUrl: env('TUNE_Q_REDIS_URL'), prefix: env('TUNE_Q_PREFIX'), concurrency: 1, defaults: { retry: { attempts: 2, delayMs: 100 }, timeoutMs: 60000 } } },
  },
  pipelines: { quad },
});
`;

describeWithService('postgres', tcpTargetOfUrl(postgresTestUrl(), 5432), () => {
  describeWithService('redis', tcpTargetOfUrl(redisUrl, 6379), () => {
    const schema = uniqueTestName('tuneq');
    const project = mkdtempSync(path.join(tmpdir(), 'mlops-tune-queue-'));
    const marks = path.join(project, 'marks');
    const env = { ...process.env, NO_COLOR: '1', TUNE_Q_MARKS: marks, TUNE_Q_ARTIFACTS: path.join(project, 'artifacts'), TUNE_Q_PG_URL: postgresTestUrl(), TUNE_Q_PG_SCHEMA: schema, TUNE_Q_REDIS_URL: redisUrl, TUNE_Q_PREFIX: uniqueTestName('tuneq') };
    const workers: ChildProcess[] = [];
    const mlops = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: project, encoding: 'utf8', env, timeout: 120_000 });
    const json = (r: ReturnType<typeof mlops>) => {
      if (r.status !== 0) throw new Error(`exit ${r.status}: ${r.stderr}`);
      return JSON.parse(r.stdout);
    };
    const startWorker = () =>
      new Promise<ChildProcess>((resolve, reject) => {
        const proc = spawn(process.execPath, [bin, 'worker'], { cwd: project, env, stdio: ['ignore', 'ignore', 'pipe'] });
        workers.push(proc);
        let err = '';
        proc.stderr!.on('data', (d: Buffer) => {
          err += d.toString();
          if (err.includes('taking steps')) resolve(proc);
        });
        proc.once('exit', (code) => reject(new Error(`mlops worker exited (${code}) before taking steps: ${err}`)));
      });

    beforeAll(async () => {
      symlinkSync(path.join(repo, 'node_modules'), path.join(project, 'node_modules'), 'dir');
      writeFileSync(path.join(project, 'mlops.config.ts'), config);
      mkdirSync(marks);
      await Promise.all([startWorker(), startWorker()]);
    }, 60_000);
    afterAll(async () => {
      const stop = (w: ChildProcess) => new Promise((r) => (w.once('exit', r), w.kill('SIGTERM')));
      await Promise.all(workers.filter((w) => w.exitCode === null && w.signalCode === null).map(stop));
      await dropPostgresSchema(schema);
      rmSync(project, { recursive: true, force: true });
    }, 60_000);

    it('runs the trials of one study on both workers, each trial number once, only up to the objective step; the best trial is the lowest loss', async () => {
      const out = json(mlops('tune', 'run', 'quad', '--queue', '--trials', '4', '--parallel', '4', '--json'));
      expect(out.counts).toEqual({ complete: 4, pruned: 0, fail: 0, running: 0, waiting: 0 });
      const shown = json(mlops('tune', 'show', 'quad', '--json'));
      const trials: { number: number; state: string; params: { x: number; y: number }; values: number[]; userAttrs: { runId: string } }[] = shown.trials;
      expect(trials.map((t) => t.number)).toEqual([0, 1, 2, 3]);
      const runIds = trials.map((t) => t.userAttrs.runId);
      expect(new Set(runIds).size).toBe(4);
      // Each trial's score step ran once, on one of our workers; both workers ran trials.
      const ranOn = runIds.map((id) => readFileSync(path.join(marks, `${id}.score`), 'utf8').trim().split('\n').map(Number));
      for (const pids of ranOn) expect(pids).toHaveLength(1);
      const pids = new Set(ranOn.map((p) => p[0]));
      expect([...pids].every((pid) => workers.some((w) => w.pid === pid))).toBe(true);
      expect(pids.size).toBe(2);
      // `publish` comes after the objective's step: no trial ran it.
      for (const id of runIds) expect(existsSync(path.join(marks, `${id}.publish`))).toBe(false);
      const loss = (p: { x: number; y: number }) => (p.x - 0.3) ** 2 + (p.y + 0.1) ** 2;
      for (const t of trials) expect(t.values[0]).toBeCloseTo(loss(t.params), 12);
      const best = trials.reduce((a, b) => (loss(b.params) < loss(a.params) ? b : a));
      expect(out.best.number).toBe(best.number);
      expect(shown.best.number).toBe(best.number);

      // Each trial is a tracked run nested under the study's, ended by the orchestrator.
      const store = openSqlMetadataStore({ kind: 'pg', connection: postgresTestUrl(), schema });
      await store.start();
      try {
        const tracker = new SqlTracker(sqlHandleOf(store.database, 'test'));
        const study = (await tracker.searchRuns({ experiment: 'tune-quad', parentId: null })).runs;
        expect(study.map((r) => r.metrics.best_value)).toEqual([best.values[0]]);
        const nested = (await tracker.searchRuns({ parentId: study[0]!.id, limit: 100 })).runs;
        expect(nested.map((r) => r.id).sort()).toEqual([...runIds].sort());
        expect(new Set(nested.map((r) => r.status))).toEqual(new Set(['succeeded']));
      } finally {
        await store.close();
      }
    }, 120_000);

    it('refuses --workers with --queue, and --parallel without it, naming the flags', () => {
      const both = mlops('tune', 'run', 'quad', '--queue', '--workers', '2');
      expect(both.status).toBe(2);
      expect(both.stderr).toContain('--workers starts local processes; with --queue the trials run on `mlops worker` processes: give --parallel instead');
      const parallel = mlops('tune', 'run', 'quad', '--parallel', '2');
      expect(parallel.status).toBe(2);
      expect(parallel.stderr).toContain('--parallel applies to --queue');
    }, 60_000);
  });
});
