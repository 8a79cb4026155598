import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import knexFactory, { type Knex } from 'knex';
import type { StepRunOutcome } from '@mlops/core';
import { SqlMetadataStore, type SqlStoreHandle } from '@mlops/sql-metadata';
import { describeWithService, dropPostgresSchema, postgresTestUrl, tcpTargetOfUrl, uniqueTestName } from '@mlops/testkit';
import { orchestrator0001 } from './migrations/0001_orchestrator';
import { orchestratorMigrations } from './migrations/orchestratorMigrations';
import { planStep, RunStore, type QueuedJob } from './RunStore';

const trigger = { kind: 'api' as const, source: 'test' };
// The metadata store beside the suite's RunStore (its tables in the same database, as in a runtime).
let metadata: SqlMetadataStore;
const metadataRun = (id: string) => metadata.createRun({ id, pipeline: 'p', status: 'running', params: {}, startedAt: 1, endedAt: null, error: null, host: 'h', pid: 0, configDigest: null, tags: {} });

/** A running run whose plan is recorded: its planning job claimed and `steps` stored. */
async function plannedRun(store: RunStore, id: string, steps: { id: string; dependsOn: string[] }[]): Promise<QueuedJob[]> {
  await store.insertRun({ id, pipeline: 'p', params: { x: 1 }, idempotencyKey: null, trigger, tags: {}, createdAt: 1 });
  await metadataRun(id);
  const plan = (await store.admitRuns(1000, 2)).find((j) => j.runId === id)!;
  const claimed = await store.claim(id, planStep, plan.jobId, 'w', 3);
  return (await store.recordPlan(id, claimed!.claim, steps, 4)).enqueue;
}

/** Claims and completes each job at once (as many workers would), returning what they queued and how many ended the run. */
async function completeAll(store: RunStore, jobs: QueuedJob[]) {
  const claims = await Promise.all(jobs.map(async (j) => ({ j, c: (await store.claim(j.runId, j.stepId, j.jobId, 'w', 5))! })));
  const outcomes = await Promise.all(claims.map(({ j, c }) => store.completeStep(j.runId, j.stepId, c.claim, { out: `${j.stepId}-artifact` }, c.dependents, 6)));
  return { queued: outcomes.flatMap((o) => o.enqueue), ended: outcomes.filter((o) => o.runEnded).map((o) => o.runEnded!.status), accepted: outcomes.map((o) => o.accepted) };
}

function runStoreSuite(open: () => Promise<SqlStoreHandle>, close: (knex: Knex, schema: string | undefined) => Promise<void>) {
  let handle: SqlStoreHandle;
  let store: RunStore;
  beforeAll(async () => {
    handle = await open();
    for (const m of orchestratorMigrations) await m.up(handle.knex, handle.schema);
    store = new RunStore(handle);
    metadata = new SqlMetadataStore({ knex: handle.knex, schema: handle.schema });
    await metadata.migrate();
  });
  afterAll(() => close(handle.knex, handle.schema));

  it('fans 20 steps in at once: the join is queued once, the run ends once, upstream outputs reach the join', async () => {
    const parts = Array.from({ length: 20 }, (_, i) => ({ id: `p${i}`, dependsOn: [] }));
    const roots = await plannedRun(store, 'fan', [...parts, { id: 'join', dependsOn: parts.map((p) => p.id) }, { id: 'solo', dependsOn: [] }]);
    expect(roots.map((j) => j.stepId).sort()).toEqual([...parts.map((p) => p.id), 'solo'].sort());
    const first = await completeAll(store, roots);
    expect(first).toMatchObject({ queued: [{ runId: 'fan', stepId: 'join' }], ended: [] });
    const join = (await store.claim('fan', 'join', first.queued[0].jobId, 'w', 7))!;
    expect(join.dependsOn).toHaveLength(20);
    expect((await store.outputsOf('fan', join.dependsOn)).p7).toEqual({ out: 'p7-artifact' });
    const last = await store.completeStep('fan', 'join', join.claim, {}, join.dependents, 8);
    expect(last).toEqual({ accepted: true, enqueue: [], runEnded: { runId: 'fan', status: 'succeeded', endedAt: 8, error: null }, runStatus: 'succeeded' });
    expect((await store.getRun('fan'))!.status).toBe('succeeded');
  });

  it('group commit: one statement completes a batch, records its step runs, releases a fan-in child of two batch-mates once, and refuses a stale claim alone', async () => {
    const roots = ['a', 'b', 'c', 'd'].map((id) => ({ id, dependsOn: [] as string[] }));
    await store.insertRun({ id: 'group', pipeline: 'p', params: {}, idempotencyKey: null, trigger, tags: {}, createdAt: 1 });
    await metadataRun('group');
    const plan = (await store.admitRuns(1000, 2)).find((j) => j.runId === 'group')!;
    const planned = (await store.claim('group', planStep, plan.jobId, 'w', 3))!;
    const jobs = (await store.recordPlan('group', planned.claim, [...roots, { id: 'j', dependsOn: ['a', 'b'] }, { id: 'k', dependsOn: ['c', 'd'] }], 4, () => 4)).enqueue;
    expect(new Set(jobs.map((j) => j.jobId)).size).toBe(1);
    const claimed = await store.claimBatch('group', ['a', 'b', 'c', 'd'], jobs[0].jobId, 'w1', 5);
    const record = (step: string): StepRunOutcome => ({
      stepRun: { id: `sr-${step}`, runId: 'group', step, status: 'succeeded', cacheKey: `k-${step}`, codeDigest: 'c', params: {}, startedAt: 5, endedAt: 6, logs: '', error: null, cachedFrom: null },
      inputs: [],
      artifacts: [{ id: `art-${step}`, name: `p/${step}/out`, digest: 'd'.repeat(64), size: 1, serializer: 'json', runId: 'group', stepRunId: `sr-${step}`, output: 'out', createdAt: 6, metadata: null }],
    });
    const batch = claimed.map((c) => ({ stepId: c.stepId, claim: c.stepId === 'd' ? 'stale' : c.claimed.claim, outputs: { out: `art-${c.stepId}` }, dependents: c.claimed.dependents, record: record(c.stepId) }));
    const first = await store.completeBatch('group', batch, 7);
    expect(first.steps.map((s) => s.accepted)).toEqual([true, true, true, false]);
    expect(first.steps[0].records).toMatchObject([{ id: 'art-a', version: 1 }]);
    // j's two parents finished in this one statement: released once; k still waits for d.
    expect(first.outcome.enqueue.map((j) => j.stepId)).toEqual(['j']);
    expect(first.outcome).toMatchObject({ accepted: true, runStatus: 'running' });
    expect(first.outcome.runEnded).toBeUndefined();
    expect((await metadata.getArtifact('art-d'))).toBeUndefined();
    expect((await metadata.getArtifact('art-b'))).toMatchObject({ version: 1, stepRunId: 'sr-b' });
    if (handle.dialect === 'postgresql') {
      // One transaction wrote the three steps and their step runs: they share the row version's xmin.
      const q = (t: string) => (handle.schema ? `"${handle.schema}"."${t}"` : `"${t}"`);
      const steps = await handle.knex.raw(`select distinct xmin::text as x from ${q('orchestrator_steps')} where run_id = 'group' and step_id in ('a', 'b', 'c')`);
      const runs = await handle.knex.raw(`select distinct xmin::text as x from ${q('step_runs')} where run_id = 'group'`);
      expect(steps.rows).toHaveLength(1);
      expect(runs.rows).toEqual(steps.rows);
    }
    const d = claimed.find((c) => c.stepId === 'd')!;
    const second = await store.completeBatch('group', [{ stepId: 'd', claim: d.claimed.claim, outputs: {}, dependents: d.claimed.dependents }], 8);
    expect(second.outcome.enqueue.map((j) => j.stepId)).toEqual(['k']);
    const rest = await Promise.all(['j', 'k'].map(async (id) => ({ id, c: (await store.claim('group', id, [...first.outcome.enqueue, ...second.outcome.enqueue].find((q) => q.stepId === id)!.jobId, 'w', 9))! })));
    const last = await store.completeBatch('group', rest.map(({ id, c }) => ({ stepId: id, claim: c.claim, outputs: {}, dependents: c.dependents })), 10);
    expect(last.outcome.runEnded).toEqual({ runId: 'group', status: 'succeeded', endedAt: 10, error: null });
  });

  it('batch jobs: ready steps share job ids; a redelivered batch skips ended steps and counts an attempt only for the one in flight', async () => {
    await store.insertRun({ id: 'batch', pipeline: 'p', params: {}, idempotencyKey: null, trigger, tags: {}, createdAt: 1 });
    await metadataRun('batch');
    const plan = (await store.admitRuns(1000, 2)).find((j) => j.runId === 'batch')!;
    const planned = (await store.claim('batch', planStep, plan.jobId, 'w', 3))!;
    const steps = ['s0', 's1', 's2', 's3', 's4', 's5'].map((id) => ({ id, dependsOn: [] as string[] }));
    const jobs = (await store.recordPlan('batch', planned.claim, [...steps, { id: 'join', dependsOn: steps.map((s) => s.id) }], 4, () => 3)).enqueue;
    // Six ready steps, three per job: two job ids.
    expect(new Set(jobs.map((j) => j.jobId)).size).toBe(2);
    const ids = jobs.filter((j) => j.jobId === jobs[0].jobId).map((j) => j.stepId);
    expect(ids).toEqual(['s0', 's1', 's2']);
    const first = await store.claimBatch('batch', ids, jobs[0].jobId, 'w1', 5);
    expect(first.map((c) => `${c.stepId}:${c.claimed.attempt}`)).toEqual(['s0:1', 's1:1', 's2:1']);
    expect(new Set(first.map((c) => c.claimed.claim)).size).toBe(1);
    // s0 completes; the worker dies on s1 (s2 never started); the job is redelivered.
    await store.completeStep('batch', 's0', first[0].claimed.claim, {}, first[0].claimed.dependents, 6);
    const again = await store.claimBatch('batch', ids, jobs[0].jobId, 'w2', 7);
    expect(again.map((c) => `${c.stepId}:${c.claimed.attempt}`)).toEqual(['s1:2', 's2:1']);
    // The old claim no longer holds.
    expect((await store.completeStep('batch', 's1', first[1].claimed.claim, {}, [], 8)).accepted).toBe(false);
    // A job id that is not the steps' claims nothing.
    const otherJob = jobs.find((j) => j.jobId !== jobs[0].jobId)!.jobId;
    expect(await store.claimBatch('batch', ids, otherJob, 'w3', 8)).toEqual([]);
    // The join is counted down once per parent, whichever job they came in.
    const rest = await store.claimBatch('batch', jobs.filter((j) => j.jobId === otherJob).map((j) => j.stepId), otherJob, 'w3', 8);
    const outcomes = [];
    for (const c of [...again, ...rest]) outcomes.push(await store.completeStep('batch', c.stepId, c.claimed.claim, {}, c.claimed.dependents, 9, () => 3));
    expect(outcomes.flatMap((o) => o.enqueue).map((j) => j.stepId)).toEqual(['join']);
    expect(outcomes.map((o) => o.runStatus)).toEqual(Array(5).fill('running'));
    // A batch job of a cancelled run claims nothing.
    expect(await store.cancelRun('batch', 10)).toBe(true);
    expect(await store.claimBatch('batch', ['join'], outcomes.flatMap((o) => o.enqueue)[0].jobId, 'w1', 11)).toEqual([]);
  });

  it('with staleBefore, takes a running step over only once its heartbeat is older', async () => {
    const [a] = await plannedRun(store, 'stale', [{ id: 'a', dependsOn: [] }]);
    const first = (await store.claim('stale', 'a', a.jobId, 'w1', 10, 0))!;
    expect(first.attempt).toBe(1);
    await store.heartbeat('stale', 'a', first.claim, 20);
    expect(await store.claim('stale', 'a', a.jobId, 'w2', 25, 15)).toBeUndefined();
    const second = (await store.claim('stale', 'a', a.jobId, 'w2', 40, 30))!;
    expect(second).toMatchObject({ attempt: 2, dependsOn: [], dependents: [] });
    expect(await store.getStep('stale', 'a')).toMatchObject({ status: 'running', claim: second.claim, attempts: 2 });
    expect((await store.completeStep('stale', 'a', first.claim, {}, [], 41)).accepted).toBe(false);
  });

  it('with staleBefore, gives a lost job a new id for a queued step, and for a running one only once its heartbeat is older (a step claimed since recovery found it queued keeps its job)', async () => {
    const [a, b] = await plannedRun(store, 'rejob', [
      { id: 'a', dependsOn: [] },
      { id: 'b', dependsOn: [] },
    ]);
    const queuedJob = await store.replaceJob('rejob', 'b', b.jobId, 15);
    expect(queuedJob).toBeDefined();
    expect(await store.getStep('rejob', 'b')).toMatchObject({ status: 'queued', jobId: queuedJob });
    const c = (await store.claim('rejob', 'a', a.jobId, 'w1', 20))!;
    expect(await store.replaceJob('rejob', 'a', a.jobId, 15)).toBeUndefined();
    expect(await store.getStep('rejob', 'a')).toMatchObject({ status: 'running', jobId: a.jobId, claim: c.claim });
    const staleJob = await store.replaceJob('rejob', 'a', a.jobId, 25);
    expect(staleJob).toBeDefined();
    expect(await store.getStep('rejob', 'a')).toMatchObject({ status: 'running', jobId: staleJob });
  });

  it('refuses a stale job id, a second completion of one claim, and claims of a cancelled run', async () => {
    const [a] = await plannedRun(store, 'guard', [
      { id: 'a', dependsOn: [] },
      { id: 'b', dependsOn: ['a'] },
    ]);
    expect(await store.claim('guard', 'a', 'not-its-job', 'w', 5)).toBeUndefined();
    const c = (await store.claim('guard', 'a', a.jobId, 'w', 5))!;
    expect(c).toMatchObject({ attempt: 1, dependsOn: [], dependents: ['b'] });
    const done = await store.completeStep('guard', 'a', c.claim, {}, c.dependents, 6);
    expect(done.enqueue.map((j) => j.stepId)).toEqual(['b']);
    expect((await store.completeStep('guard', 'a', c.claim, {}, c.dependents, 6)).accepted).toBe(false);
    expect(await store.cancelRun('guard', 7)).toBe(true);
    expect(await store.claim('guard', 'b', done.enqueue[0].jobId, 'w', 8)).toBeUndefined();
  });

  it("records a succeeded step run with its completion, only while the attempt's claim holds: a taken-over attempt records no step run", async () => {
    const [a] = await plannedRun(store, 'rec', [
      { id: 'a', dependsOn: [] },
      { id: 'b', dependsOn: ['a'] },
    ]);
    const outcome = (stepRunId: string): StepRunOutcome => ({
      stepRun: { id: stepRunId, runId: 'rec', step: 'a', status: 'succeeded', cacheKey: 'k', codeDigest: 'c', params: {}, startedAt: 5, endedAt: 6, logs: '', error: null, cachedFrom: null },
      inputs: [],
      artifacts: [{ id: `${stepRunId}-model`, name: 'p/a/model', digest: 'd'.repeat(64), size: 3, serializer: 'json', runId: 'rec', stepRunId, output: 'model', createdAt: 6, metadata: null }],
    });
    // A first attempt whose worker lost the step to a second one (stale heartbeat), then finished late.
    const first = (await store.claim('rec', 'a', a.jobId, 'w1', 5))!;
    const second = (await store.claim('rec', 'a', a.jobId, 'w2', 7, 100))!;
    expect(await store.completeStepRecording('rec', 'a', first.claim, outcome('sr-stale'), first.dependents, 8)).toEqual({ accepted: false, enqueue: [] });
    expect(await metadata.listStepRuns('rec')).toEqual([]);
    const done = await store.completeStepRecording('rec', 'a', second.claim, outcome('sr-kept'), second.dependents, 9);
    expect(done).toMatchObject({ accepted: true, enqueue: [{ runId: 'rec', stepId: 'b' }], records: [{ id: 'sr-kept-model', version: 1 }] });
    expect((await metadata.listStepRuns('rec')).map((r) => [r.id, r.status])).toEqual([['sr-kept', 'succeeded']]);
    expect(await metadata.getArtifact('sr-kept-model')).toMatchObject({ name: 'p/a/model', version: 1, stepRunId: 'sr-kept' });
    expect(await metadata.getArtifact('sr-stale-model')).toBeUndefined();
    expect((await store.getStep('rec', 'a'))!.outputs).toEqual({ model: 'sr-kept-model' });
  });

  it('admits only runs the metadata store has (a run being submitted is not planned before its record exists)', async () => {
    await store.insertRun({ id: 'early', pipeline: 'p', params: {}, idempotencyKey: null, trigger, tags: {}, createdAt: 1 });
    expect((await store.admitRuns(1000, 2)).map((j) => j.runId)).not.toContain('early');
    expect((await store.getRun('early'))!.status).toBe('queued');
    await metadataRun('early');
    expect((await store.admitRuns(1000, 3)).map((j) => j.runId)).toEqual(['early']);
  });

  it('admits queued runs oldest first up to the limit, more of them at once than one statement starts (16 on Postgres)', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `many-${String(i).padStart(2, '0')}`);
    for (const [i, id] of ids.entries()) {
      await store.insertRun({ id, pipeline: 'p', params: {}, idempotencyKey: null, trigger, tags: {}, createdAt: 100 + i });
      await metadataRun(id);
    }
    const running = (await store.countRuns()).running ?? 0;
    const jobs = await store.admitRuns(running + 18, 200);
    expect(jobs.map((j) => j.runId)).toEqual(ids.slice(0, 18));
    expect(jobs.every((j) => j.stepId === planStep)).toBe(true);
    expect(new Set(jobs.map((j) => j.jobId)).size).toBe(18);
    for (const j of jobs) expect(await store.getStep(j.runId, planStep)).toMatchObject({ status: 'queued', jobId: j.jobId });
    expect((await store.getRun('many-18'))!.status).toBe('queued');
    expect(await store.admitRuns(running + 18, 201)).toEqual([]);
    expect((await store.admitRuns(running + 20, 202)).map((j) => j.runId)).toEqual(ids.slice(18));
  });

  it('endedRuns: of the ids asked, only runs ended at or before the cutoff, without their steps, in one answer past 500 ids', async () => {
    await plannedRun(store, 'ended-ok', [{ id: 'a', dependsOn: [] }]).then((jobs) => completeAll(store, jobs));
    await plannedRun(store, 'still-running', [{ id: 'a', dependsOn: [] }]);
    const padding = Array.from({ length: 600 }, (_, i) => `absent-${i}`);
    expect(await store.endedRuns([...padding, 'ended-ok', 'still-running', 'never-submitted'], 6)).toEqual([{ id: 'ended-ok', status: 'succeeded', endedAt: 6, error: null }]);
    // Ended at 6: not yet ended as far as a cutoff of 5 is concerned.
    expect(await store.endedRuns(['ended-ok'], 5)).toEqual([]);
    expect(await store.endedRuns([], 6)).toEqual([]);
  });

  it('migration 0002 gives a run in flight its counters, so it finishes', async () => {
    const h = await open();
    const t = (table: string) => (h.schema ? h.knex.withSchema(h.schema).table(table) : h.knex.table(table));
    // An old-layout run: a → c ← b, with a succeeded and b queued.
    await orchestrator0001.up(h.knex, h.schema);
    await t('orchestrator_runs').insert({ id: 'r', pipeline: 'p', params: '{}', status: 'running', trigger: '{}', tags: '{}', created_at: 1 });
    const row = (step: string, status: string, deps: string[], jobId: string | null) => ({ run_id: 'r', step_id: step, status, attempts: 0, depends_on: JSON.stringify(deps), outputs: '{}', job_id: jobId });
    await t('orchestrator_steps').insert([row(planStep, 'succeeded', [], null), row('a', 'succeeded', [], 'ja'), row('b', 'queued', [], 'jb'), row('c', 'waiting', ['a', 'b'], null)]);
    await orchestratorMigrations[1].up(h.knex, h.schema);
    const migrated = new RunStore(h);
    const b = (await migrated.claim('r', 'b', 'jb', 'w', 5))!;
    expect(b.dependents).toEqual(['c']);
    const afterB = await migrated.completeStep('r', 'b', b.claim, {}, b.dependents, 6);
    expect(afterB.enqueue.map((j) => j.stepId)).toEqual(['c']);
    const c = (await migrated.claim('r', 'c', afterB.enqueue[0].jobId, 'w', 7))!;
    expect((await migrated.completeStep('r', 'c', c.claim, {}, c.dependents, 8)).runEnded?.status).toBe('succeeded');
    await close(h.knex, h.schema);
  });
}

describe('RunStore on SQLite', () => {
  runStoreSuite(
    async () => ({ knex: knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true }), schema: undefined, dialect: 'sqlite' as const }),
    (knex) => knex.destroy(),
  );
});

describeWithService('postgres', tcpTargetOfUrl(postgresTestUrl(), 5432), () => {
  describe('RunStore on Postgres', () => {
    runStoreSuite(
      async () => {
        const schema = uniqueTestName('mlops_runstore');
        const knex = knexFactory({ client: 'pg', connection: postgresTestUrl(), pool: { min: 0, max: 12 } });
        await knex.raw(`create schema "${schema}"`);
        return { knex, schema, dialect: 'postgresql' as const };
      },
      async (knex, schema) => {
        await knex.destroy();
        await dropPostgresSchema(schema!);
      },
    );

    it("commits a run's insert, its start, its plan, a claim and a heartbeat without waiting for the disk, for those statements only: the connection's next commit waits again", async () => {
      const schema = uniqueTestName('mlops_runstore_lease');
      // One connection, so the statements after the claim run where the claim ran.
      const knex = knexFactory({ client: 'pg', connection: postgresTestUrl(), pool: { min: 0, max: 1 } });
      await knex.raw(`create schema "${schema}"`);
      try {
        const handle = { knex, schema, dialect: 'postgresql' as const };
        for (const m of orchestratorMigrations) await m.up(knex, schema);
        const store = new RunStore(handle);
        metadata = new SqlMetadataStore({ knex, schema });
        await metadata.migrate();
        // Every statement the pg client sends, through knex's builder or as a prepared statement.
        const log: string[] = [];
        const client = (require('pg') as { Client: { prototype: { query(...args: unknown[]): unknown } } }).Client.prototype;
        const send = client.query;
        jest.spyOn(client, 'query').mockImplementation(function (this: unknown, ...args: unknown[]) {
          const q = args[0] as string | { text?: string };
          log.push(typeof q === 'string' ? q : (q?.text ?? ''));
          return send.apply(this, args);
        });
        // Inserting and starting the run, claiming and recording its plan, claiming its step, a heartbeat.
        const [a] = await plannedRun(store, 'lease', [{ id: 'a', dependsOn: [] }]);
        const c = (await store.claim('lease', 'a', a.jobId, 'w', 5))!;
        await store.heartbeat('lease', 'a', c.claim, 6);
        expect(log.filter((q) => q.includes("set_config('synchronous_commit', 'off', true)"))).toHaveLength(6);
        expect((await knex.raw('show synchronous_commit')).rows[0].synchronous_commit).toBe('on');
        expect(await store.getStep('lease', 'a')).toMatchObject({ status: 'running', claim: c.claim });
        expect((await store.completeStep('lease', 'a', c.claim, {}, c.dependents, 7)).runEnded?.status).toBe('succeeded');
        // The completion commits synchronously (it makes the lease durable).
        expect(log.filter((q) => q.includes('set_config'))).toHaveLength(6);
      } finally {
        jest.restoreAllMocks();
        await knex.destroy();
        await dropPostgresSchema(schema);
      }
    });
  });
});
