import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describeWithService, dropPostgresSchema, postgresTestUrl, startRequestLoop, tcpTargetOfUrl, uniqueTestName } from '@mlops/testkit';
import { copyExample, exampleRows, ProjectProcesses, servedModelOnceAt } from './__fixtures__/exampleProcesses';

// The README's "Closing the loop", on the real Postgres and Redis: the example's
// mlops.distributed.config.ts (BullMQ orchestrator), three `mlops worker` processes, `mlops serve`,
// `mlops monitor --once`, in a copy of examples/breast-cancer so the repository's .mlops is untouched.
// exampleLoopLocal.test.ts runs the same loop on the embedded defaults.
const redisUrl = process.env.MLOPS_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const schema = uniqueTestName('loop');
let project: string;

const env = (): NodeJS.ProcessEnv => ({
  ...process.env,
  NO_COLOR: '1',
  MLOPS_ACTOR: 'loop-test',
  DATABASE_URL: postgresTestUrl(),
  MLOPS_PG_SCHEMA: schema,
  REDIS_URL: redisUrl,
  MLOPS_QUEUE_PREFIX: schema,
  // Retries here wait half a second, not the config's five minutes.
  MLOPS_RETRY_DELAY_MS: '500',
});
let sh: ProjectProcesses;
const node = (args: string[]) => sh.run(args);
const mlops = (args: string[]) => sh.mlops(args);
const json = <T>(args: string[]) => sh.json<T>(args);
const start = (args: string[], ready: RegExp) => sh.start(args, ready);

type Run = { id: string; status: string; error: string | null; trigger: { kind: string; source: string } | null; steps: { stepId: string; status: string; attempts: number; worker: string | null }[] };
type HistoryEvent = { type: string; version: number; reason: string | null; details: { decision?: { passed: boolean; incumbentVersion: number | null; reasons: string[] } } };
const retrain = async (params: string[], extra: string[] = []) => {
  const r = await mlops(['retrain', 'retrain', ...params.flatMap((p) => ['-p', p]), '--wait', '--json', ...extra]);
  return { status: r.status, stderr: r.stderr, ...(JSON.parse(r.stdout || '{}') as { run: Run; created: boolean }) };
};
const champion = async () => (await json<{ version: number }>(['models', 'show', 'breast-cancer@champion'])).version;
// The first champion: a weak model (one depth-1 tree) on the labels known by March, so its held-out
// rows differ from a later retraining's, on which the gate re-scores it.
const weak = ['trainer={"nRounds":1,"maxDepth":1,"learningRate":0.1}', 'candidate=gbdt', 'asOf=2024-03-01T00:00:00.000Z'];

const { names, lines, rows } = exampleRows();

describeWithService('postgres', tcpTargetOfUrl(postgresTestUrl(), 5432), () => {
  describeWithService('redis', tcpTargetOfUrl(redisUrl, 6379), () => {
    let url: string;
    beforeAll(async () => {
      project = copyExample('mlops-loop-');
      sh = new ProjectProcesses(project, env, ['-c', 'mlops.distributed.config.ts']);
      await Promise.all([1, 2, 3].map(() => start(['worker'], /taking steps/)));
      // The server checks the feature service it is configured with, so its definitions are applied.
      expect((await mlops(['features', 'apply'])).status).toBe(0);
      const first = await retrain(weak);
      expect([first.status, first.run.status, first.run.error]).toEqual([0, 'succeeded', null]);
      expect(await champion()).toBe(1);
      const served = await start(['serve', '--workers', '1', '--port', '0', '--json'], /"url":"[^"]+"/);
      url = (JSON.parse(served.out().split('\n').find((l) => l.startsWith('{'))!) as { url: string }).url;
    }, 150_000);
    afterAll(async () => {
      await sh?.stop();
      await dropPostgresSchema(schema);
      // The queue's keys (this test's prefix only); the shared Redis keeps nothing else of ours.
      const keys = spawnSync('redis-cli', ['-u', redisUrl, '--scan', '--pattern', `${schema}:*`], { encoding: 'utf8' }).stdout?.split('\n').filter(Boolean) ?? [];
      if (keys.length) spawnSync('redis-cli', ['-u', redisUrl, 'del', ...keys]);
      rmSync(project, { recursive: true, force: true });
    }, 60_000);

    it('a drift alert from mlops monitor --once retrains on the workers; the better candidate is promoted and the running server switches with no failed request', async () => {
      // A client sends one clean row after another from here to the end of the switch.
      const client = startRequestLoop(`${url}/predict`, (i) => ({ row: rows[i % rows.length] }), { pauseMs: 20 });
      try {
        // The README's drifted traffic: the example's rows, every measurement tripled, twice.
        const sent = await node(['scripts/send-rows.mjs', url, '--scale', '3', '--times', '2']);
        expect([sent.status, sent.stdout.trim()]).toEqual([0, `sent 2 × 569 rows (measurements × 3) to ${url}`]);
        // The log is written off the request path: evaluate until the drifted rows are in and dataset drift fires.
        type Fired = { id: number; rule: string; delivered: { retrainRequestId: number | null } };
        const before = client.progress().ok;
        let alert: Fired | undefined;
        for (let i = 0; i < 30 && !alert; i++) {
          alert = (await json<{ fired: Fired[] }>(['monitor', '--once'])).fired.find((a) => a.rule === 'dataset-drift');
          if (!alert) await new Promise((r) => setTimeout(r, 500));
        }
        expect(alert).toMatchObject({ rule: 'dataset-drift', delivered: { retrainRequestId: expect.any(Number) } });
        const [request] = await json<{ id: number; status: string; alertId: number; job: { orchestrator: { pipeline: string; runId: string } } }[]>(['alerts', 'retrain-requests']);
        expect(request).toMatchObject({ id: alert!.delivered.retrainRequestId, status: 'submitted', alertId: alert!.id, job: { orchestrator: { pipeline: 'retrain' } } });

        // The same idempotency key returns the monitor's run instead of starting another: wait on it.
        const triggered = await retrain([], ['--key', `monitor-alert-${alert!.id}`]);
        expect([triggered.created, triggered.run.id, triggered.run.status, triggered.run.error]).toEqual([false, request!.job.orchestrator.runId, 'succeeded', null]);
        expect(triggered.run.trigger).toMatchObject({ kind: 'alert', source: 'monitor' });
        expect(await json<{ workers: unknown[]; runs: Record<string, number> }>(['queue', 'status'])).toMatchObject({ workers: [expect.anything(), expect.anything(), expect.anything()], runs: { succeeded: 2 } });
        expect(triggered.run.steps.map((s) => s.stepId).sort()).toEqual(['export-onnx', 'fetch', 'point-in-time', 'preprocess', 'register', 'split', 'train', 'train-baseline', 'validate', 'validate-drop']);

        // Tracked as one run though its steps ran on three workers: params, the trainer's curves, the end.
        const shown = await json<{ tracked: { status: string; params: Record<string, unknown>; metrics: Record<string, unknown>; tags: Record<string, string>; endedAt: number | null } | undefined }>(['runs', 'show', triggered.run.id]);
        expect(shown.tracked).toMatchObject({ status: 'succeeded', params: { candidate: expect.any(String) }, endedAt: expect.any(Number) });
        expect(shown.tracked!.tags).toMatchObject({ trigger: 'alert' });
        expect(Object.keys(shown.tracked!.metrics).length).toBeGreaterThan(0);

        // The gate compared both on the run's held-out rows (the incumbent re-scored on them) and promoted.
        const events = await json<HistoryEvent[]>(['models', 'history', 'breast-cancer']);
        expect(events.map((e) => `${e.type} v${e.version}`)).toEqual(['register v1', 'promote v1', 'register v2', 'evaluate v1', 'promote v2']);
        expect(events[4]).toMatchObject({ reason: `candidate from pipeline run ${triggered.run.id}`, details: { decision: { passed: true, incumbentVersion: 1 } } });
        expect(await champion()).toBe(2);

        // The server follows the alias (every 2 s in this config) while the client keeps sending.
        expect(await servedModelOnceAt(url, 2)).toMatchObject({ name: 'breast-cancer', version: 2, alias: 'champion' });
        // Requests kept coming from the alert, while the run trained, the alias moved and the server switched.
        expect(client.progress().ok - before).toBeGreaterThan(50);
        await new Promise((r) => setTimeout(r, 500));
      } finally {
        const seen = await client.stop();
        expect(seen.failures).toEqual([]);
        expect(seen.ok).toBeGreaterThan(50);
      }
    }, 150_000);

    it('a worse candidate is kept out: the registry records the comparison and alerts, the champion and the server stay', async () => {
      const worse = await retrain(['trainer={"nRounds":2,"maxDepth":1,"learningRate":0.05}', 'candidate=gbdt']);
      expect([worse.status, worse.run.status]).toEqual([0, 'succeeded']);
      const events = (await json<HistoryEvent[]>(['models', 'history', 'breast-cancer'])).slice(5);
      expect(events.map((e) => `${e.type} v${e.version}`)).toEqual(['register v3', 'promotion-refused v3']);
      const decision = events[1]!.details.decision!;
      expect(decision).toMatchObject({ passed: false, incumbentVersion: 2 });
      expect(decision.reasons.join('\n')).toMatch(/rocAuc .* does not improve/);
      expect(await champion()).toBe(2);
      // The alert sink (@mlops/alerts) got the refusal; the model card shows it next to v3's metrics.
      expect(readFileSync(path.join(project, '.mlops', 'alerts.jsonl'), 'utf8')).toContain('promotion of breast-cancer v3 to champion refused');
      expect((await mlops(['models', 'card', 'breast-cancer', '3'])).stdout).toMatch(/refused: candidate v3 kept out, v2 stays @champion/);
      await new Promise((r) => setTimeout(r, 2500));
      expect(((await (await fetch(`${url}/model`)).json()) as { version: number }).version).toBe(2);
    }, 120_000);

    it('a drop that fails validation stops the run at validate-drop, once, and registers nothing', async () => {
      const bad = [`${names.join(',')},diagnosis,labelled_at`, ...lines.slice(0, 40).map((l, i) => (i === 3 ? l.replace(/^[^,]+/, '-5') : l) + `,2024-02-0${1 + (i % 9)}T00:00:00.000Z`)];
      writeFileSync(path.join(project, 'data', 'drops', 'bad.csv'), `${bad.join('\n')}\n`);
      const failed = await retrain(['data=data/drops/bad.csv']);
      expect([failed.status, failed.run.status]).toEqual([1, 'failed']);
      expect(failed.run.error).toMatch(/^step "validate-drop" failed after 1 attempt: .*validation failed in step "validate-drop": 1 check failed$/);
      // The worker wrote the report naming the check, the column and the bad value.
      const report = readFileSync(path.join(project, '.mlops', 'reports', `${failed.run.id}-validate-drop.json`), 'utf8');
      expect(report).toMatch(/"column":\s*"mean_radius"/);
      expect(failed.run.steps.filter((s) => s.status === 'succeeded').map((s) => s.stepId)).toEqual(['fetch']);
      expect(await json<HistoryEvent[]>(['models', 'history', 'breast-cancer'])).toHaveLength(7);
    }, 60_000);
  });
});
