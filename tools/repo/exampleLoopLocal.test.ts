import { rmSync } from 'node:fs';
import { startRequestLoop } from '@mlops/testkit';
import { copyExample, exampleRows, ProjectProcesses, servedModelOnceAt } from './__fixtures__/exampleProcesses';

// The README's "Closing the loop" on the embedded defaults: the example's own mlops.config.ts (SQLite,
// files under .mlops, the local orchestrator), no server of any kind. `mlops scheduler` runs the
// submitted runs; `mlops serve` and `mlops monitor --once` as a user runs them, in a copy of the example.
const project = copyExample('mlops-loop-local-');
const sh = new ProjectProcesses(project, () => ({ ...process.env, NO_COLOR: '1', MLOPS_ACTOR: 'loop-local-test' }));
const { rows } = exampleRows();

type Run = { id: string; status: string; error: string | null; trigger: { kind: string; source: string } | null; steps: { stepId: string; worker: string | null }[] };
type Tracked = { status: string; params: Record<string, unknown>; metrics: Record<string, unknown>; tags: Record<string, string>; endedAt: number | null };
const retrain = async (args: string[]) => {
  const r = await sh.mlops(['retrain', 'retrain', ...args, '--wait', '--json']);
  return { status: r.status, stderr: r.stderr, ...(JSON.parse(r.stdout || '{}') as { run: Run; created: boolean }) };
};
const champion = async () => (await sh.json<{ version: number }>(['models', 'show', 'breast-cancer@champion'])).version;

let url: string;
let scheduler: number;
beforeAll(async () => {
  // The feature definitions first (the server checks its feature service): it creates the database.
  const applied = await sh.mlops(['features', 'apply']);
  expect([applied.status, applied.stderr]).toEqual([0, '']);
  scheduler = (await sh.start(['scheduler'], /running submitted steps/)).proc.pid!;
  // The first champion: a weak model on the labels known by March.
  const first = await retrain(['-p', 'asOf=2024-03-01T00:00:00.000Z', '-p', 'candidate=gbdt', '-p', 'trainer={"nRounds":1,"maxDepth":1,"learningRate":0.1}']);
  expect([first.status, first.run.status, first.run.error]).toEqual([0, 'succeeded', null]);
  const served = await sh.start(['serve', '--workers', '1', '--port', '0', '--json'], /"url":"[^"]+"/);
  url = (JSON.parse(served.out().split('\n').find((l) => l.startsWith('{'))!) as { url: string }).url;
}, 120_000);
afterAll(async () => {
  await sh.stop();
  rmSync(project, { recursive: true, force: true });
}, 60_000);

it('with no server of any kind: drifted traffic, a drift alert, the retrain on the scheduler, the gate promotes, the server switches with no failed request', async () => {
  const client = startRequestLoop(`${url}/predict`, (i) => ({ row: rows[i % rows.length] }), { pauseMs: 20 });
  try {
    const sent = await sh.run(['scripts/send-rows.mjs', url, '--scale', '3', '--times', '2']);
    expect(sent.status).toBe(0);
    type Fired = { id: number; rule: string; delivered: { retrainRequestId: number | null } };
    let alert: Fired | undefined;
    for (let i = 0; i < 30 && !alert; i++) {
      alert = (await sh.json<{ fired: Fired[] }>(['monitor', '--once'])).fired.find((a) => a.rule === 'dataset-drift');
      if (!alert) await new Promise((r) => setTimeout(r, 300));
    }
    expect(alert).toMatchObject({ rule: 'dataset-drift', delivered: { retrainRequestId: expect.any(Number) } });
    const [request] = await sh.json<{ status: string; job: { orchestrator: { pipeline: string; runId: string }; error?: string } }[]>(['alerts', 'retrain-requests']);
    // A failed submit stores its reason in job.error: show it, not only the status.
    expect([request!.status, request!.job.error]).toEqual(['submitted', undefined]);
    expect(request).toMatchObject({ status: 'submitted', job: { orchestrator: { pipeline: 'retrain' } } });

    // The monitor's key returns its run, which the scheduler runs: wait on it.
    const triggered = await retrain(['--key', `monitor-alert-${alert!.id}`]);
    expect([triggered.created, triggered.run.id, triggered.run.status, triggered.run.error]).toEqual([false, request!.job.orchestrator.runId, 'succeeded', null]);
    expect(triggered.run.trigger).toMatchObject({ kind: 'alert', source: 'monitor' });
    // Its steps ran in the scheduler's child processes.
    expect(new Set(triggered.run.steps.map((s) => s.worker))).toEqual(new Set([expect.stringMatching(new RegExp(`:${scheduler}$`))]));

    // The tracker ended the orchestrated run: status, params, the steps' metrics, the trigger.
    const shown = await sh.json<{ tracked: Tracked | undefined }>(['runs', 'show', triggered.run.id]);
    expect(shown.tracked).toMatchObject({ status: 'succeeded', params: { candidate: 'best' }, tags: { trigger: 'alert', 'registry.promoted': 'true' }, endedAt: expect.any(Number) });
    expect(Object.keys(shown.tracked!.metrics)).toEqual(expect.arrayContaining(['train.rocAuc']));

    const events = await sh.json<{ type: string; version: number }[]>(['models', 'history', 'breast-cancer']);
    expect(events.map((e) => `${e.type} v${e.version}`)).toEqual(['register v1', 'promote v1', 'register v2', 'evaluate v1', 'promote v2']);
    expect(await champion()).toBe(2);
    expect(await servedModelOnceAt(url, 2)).toMatchObject({ name: 'breast-cancer', version: 2, alias: 'champion' });
  } finally {
    const seen = await client.stop();
    expect(seen.failures).toEqual([]);
    expect(seen.ok).toBeGreaterThan(20);
  }
}, 120_000);
