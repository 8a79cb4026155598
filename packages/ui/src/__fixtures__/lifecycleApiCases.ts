import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openSeededSubject, type SeededLifecycle } from './seedLifecycle';
import type { UiSubject } from './openUiSubject';

type Graph = { nodes: { id: string; kind: string; label: string; detail: string; runId?: string }[]; edges: { from: string; to: string; label?: string }[]; focus: string | null; runs: string[]; truncated: boolean };
const edgeList = (g: Graph) => g.edges.map((e) => `${e.from} -> ${e.to}${e.label ? ` (${e.label})` : ''}`).sort();

/** Lineage, step logs, orchestration and conditional GETs over a seeded store (SQLite or Postgres). */
export function lifecycleApiCases(kind: 'sqlite' | 'postgres'): void {
  let s: UiSubject;
  let seed: SeededLifecycle;

  beforeAll(async () => {
    ({ s, seed } = await openSeededSubject(kind));
  }, 120_000);
  afterAll(() => s?.close());

  describe(`lineage (${kind})`, () => {
    it('draws a model version from the dataset version through steps and artifacts to its alias', async () => {
      const { status, body } = await s.api('lineage/graph?model=churn&version=1');
      expect(status).toBe(200);
      const g = body as Graph;
      const { stepRuns: st, artifacts: a } = seed;
      expect(g.focus).toBe('model:churn@v1');
      expect(g.runs).toEqual([seed.producer]);
      expect(g.nodes.map((n) => `${n.kind} ${n.label}`).sort()).toEqual(['alias @champion', 'artifact modelOnnx', 'artifact table', 'dataset churn/train@v1', 'model churn v1', 'step fit', 'step prepare']);
      expect(edgeList(g)).toEqual(
        [
          `artifact:${a.model} -> model:churn@v1 (onnx)`,
          `artifact:${a.table} -> step:${st.fit} (table)`,
          `dataset:churn/train@v1 -> artifact:${a.table} (same rows)`,
          'model:churn@v1 -> alias:churn@champion',
          `step:${st.fit} -> artifact:${a.model}`,
          `step:${st.prepare} -> artifact:${a.table}`,
          `step:${st.prepare} -> dataset:churn/train@v1 (registered)`,
        ].sort(),
      );
      expect(g.nodes.find((n) => n.kind === 'dataset')!.detail).toBe('3 rows · sha256:abababab');
      expect(g.nodes.find((n) => n.id === `step:${st.fit}`)).toMatchObject({ detail: 'succeeded', runId: seed.producer });
    });

    it('draws a dataset version with the run that registered it and the run that read it', async () => {
      const g = (await s.api('lineage/graph?dataset=churn/train&version=1')).body as Graph;
      expect(g.focus).toBe('dataset:churn/train@v1');
      expect(g.runs).toEqual([seed.producer, seed.reader]);
      expect(edgeList(g)).toEqual(expect.arrayContaining([`dataset:churn/train@v1 -> step:${seed.stepRuns.score} (read)`, `step:${seed.stepRuns.score} -> artifact:${seed.artifacts.scores}`, `step:${seed.stepRuns.prepare} -> dataset:churn/train@v1 (registered)`]));
      expect(g.nodes.filter((n) => n.kind === 'model').map((n) => n.id)).toEqual(['model:churn@v1']);
      // A run: its own steps only, nothing focused.
      const run = (await s.api(`lineage/graph?run=${seed.reader}`)).body as Graph;
      expect(run.nodes.map((n) => n.id).sort()).toEqual([`artifact:${seed.artifacts.scores}`, 'dataset:churn/train@v1', `step:${seed.stepRuns.score}`]);
      expect(run.focus).toBeNull();
    });

    it('lists where a graph can start, and answers a bad anchor with a structured error', async () => {
      const { body } = await s.api('lineage');
      expect(body.models).toEqual([expect.objectContaining({ name: 'churn', version: 1, runId: seed.producer, aliases: ['champion'] })]);
      expect(body.datasets).toEqual([expect.objectContaining({ name: 'churn/train', version: 1, rows: 3, runId: seed.producer })]);
      expect(body.runs.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining([seed.producer, seed.reader]));
      expect((await s.api('lineage/graph')).body.error).toMatchObject({ code: 'E_UI_INPUT', path: 'run' });
      expect(await s.api('lineage/graph?dataset=churn/train&version=9')).toEqual({ status: 404, body: { error: expect.objectContaining({ code: 'E_UI_NOT_FOUND', message: 'no version 9 of dataset "churn/train"' }) } });
      expect((await s.api('lineage/graph?model=churn&version=x')).body.error).toMatchObject({ code: 'E_UI_INPUT', path: 'version' });
      expect((await s.api('lineage/graph?run=nope')).status).toBe(404);
    });
  });

  describe(`run logs and conditional GETs (${kind})`, () => {
    it("shows the step logs of a tracked run's pipeline run; a run logged through the API has none", async () => {
      const { body } = await s.api(`runs/${seed.producer}/logs`);
      expect(body.pipelineRunId).toBe(seed.producer);
      expect(body.steps.map((x: { step: string; status: string; logs: string }) => [x.step, x.status, x.logs])).toEqual([
        ['prepare', 'succeeded', seed.logs.prepare],
        ['fit', 'succeeded', seed.logs.fit],
      ]);
      const loose = await s.tracker.startRun({ experiment: 'adhoc' });
      expect((await s.api(`runs/${loose.id}/logs`)).body).toEqual({ pipelineRunId: null, steps: [] });
    });

    it('answers a repeated GET with 304 while nothing changed, and 200 with a new ETag once a metric arrives', async () => {
      const run = await s.tracker.startRun({ experiment: 'live' });
      const url = `${s.server.url}/api/runs/${run.id}`;
      const first = await fetch(url);
      const etag = first.headers.get('etag')!;
      expect(etag).toMatch(/^"[\w-]{27}"$/);
      const same = await fetch(url, { headers: { 'if-none-match': etag } });
      expect(same.status).toBe(304);
      expect(await same.text()).toBe('');
      await s.tracker.logMetrics(run.id, [{ key: 'loss', value: 0.5, step: 1 }]);
      const changed = await fetch(url, { headers: { 'if-none-match': etag } });
      expect(changed.status).toBe(200);
      expect(changed.headers.get('etag')).not.toBe(etag);
      expect(((await changed.json()) as { run: { metrics: Record<string, number> } }).run.metrics).toEqual({ loss: 0.5 });
    });
  });

  describe(`orchestration (${kind})`, () => {
    it('shows the queue, the schedules and the run history with steps, filtered by status', async () => {
      const { status, body } = await s.api('orchestration');
      expect(status).toBe(200);
      expect(body.queue.runs).toEqual({ succeeded: 1, failed: 1, running: 1 });
      expect(body.queue.jobs).toEqual({ waiting: 0, delayed: 0, active: 1 });
      expect(body.schedules).toEqual([expect.objectContaining({ name: 'nightly', pipeline: 'churn', cron: '0 2 * * *', lastFiredFor: null })]);
      expect(new Date(body.schedules[0].nextFireAt).toISOString()).toMatch(/T02:00:00\.000Z$/);
      expect(body.runs.map((r: { id: string; status: string }) => `${r.id} ${r.status}`).sort()).toEqual(
        [`${seed.orchestrated.succeeded} succeeded`, `${seed.orchestrated.failed} failed`, `${seed.orchestrated.running} running`].sort(),
      );
      const failed = (await s.api('orchestration?status=failed')).body.runs;
      expect(failed).toHaveLength(1);
      expect(failed[0]).toMatchObject({ id: seed.orchestrated.failed, error: 'step "train" failed after 1 attempt: Error: no rows to train on', trigger: { kind: 'manual', source: 'seed' } });
      expect(failed[0].steps.map((x: { stepId: string; status: string; attempts: number }) => `${x.stepId} ${x.status} ${x.attempts}`)).toEqual(expect.arrayContaining(['fetch succeeded 1', 'train failed 1']));
      expect((await s.api('orchestration?status=running')).body.runs.map((r: { id: string }) => r.id)).toEqual([seed.orchestrated.running]);
      expect((await s.api('orchestration?status=done')).body.error).toMatchObject({ code: 'E_UI_INPUT', path: 'status', expected: 'queued, running, succeeded, failed, cancelled' });
    });

    it('lists the lineage and orchestration sections in /api/meta', async () => {
      expect((await s.api('meta')).body.sections.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining(['lineage', 'orchestration']));
    });
  });
}
