import { createId, silentLogger, type Orchestrator } from '@mlops/core';
import { orchestratorMigrations, planStep, RunStore } from '@mlops/orchestration';
import { DispatcherRegistry, LocalOrchestrator, localOrchestratorMigrations, localOrchestratorOptions } from '@mlops/orchestrator-local';
import { sqlHandleOf, type SqlMetadataStore } from '@mlops/sql-metadata';
import { openUiSubject, type UiSubject } from './openUiSubject';

/** What `seedLifecycle` wrote, for the tests to compare with. */
export interface SeededLifecycle {
  /** The pipeline run `prepare → fit` that registered `churn/train@v1` and model `churn` v1 (@champion). */
  producer: string;
  /** A second pipeline run that read `churn/train@v1`. */
  reader: string;
  stepRuns: { prepare: string; fit: string; score: string };
  artifacts: { table: string; model: string; scores: string };
  /** Orchestrated runs by their final state. */
  orchestrated: { succeeded: string; failed: string; running: string };
  logs: { prepare: string; fit: string };
}

const t0 = 1_750_000_000_000;

/** The embedded orchestrator over the subject's database, as `@mlops/orchestrator-local`'s plugin builds it, with a nightly schedule. */
export function openLocalOrchestrator(store: SqlMetadataStore): { orchestrator: Orchestrator; runs: RunStore } {
  const sql = () => sqlHandleOf(store.database, 'orchestrator-local');
  const runs = new RunStore(sql);
  const options = localOrchestratorOptions.parse({ schedules: { nightly: { pipeline: 'churn', cron: '0 2 * * *', timeZone: 'UTC' } } });
  const orchestrator = new LocalOrchestrator(options, {
    store: runs,
    dispatchers: new DispatcherRegistry(sql),
    metadata: store,
    logger: silentLogger,
    migrate: async () => {
      await store.database.migrate('orchestrator', orchestratorMigrations);
      await store.database.migrate('orchestrator_local', localOrchestratorMigrations);
    },
  });
  return { orchestrator, runs };
}

/**
 * A small lifecycle written through the stores' public APIs, as a pipeline, the tracker, the registry
 * and a worker write it: run 1 prepares a table (registered as dataset `churn/train@v1`) and fits a
 * model from it (registered in the registry and promoted to @champion); run 2 reads the dataset
 * version and scores it. Three orchestrated runs walk the run store's real transitions to succeeded,
 * failed (one attempt, an error) and running.
 */
export async function seedLifecycle(s: UiSubject, store: SqlMetadataStore, runStore: RunStore, orchestrator: Orchestrator): Promise<SeededLifecycle> {
  const m = store;
  const producer = createId(t0);
  const reader = createId(t0 + 10_000);
  const stepRuns = { prepare: createId(t0 + 1), fit: createId(t0 + 2), score: createId(t0 + 10_001) };
  const logs = { prepare: '2025-06-15T15:06:40.001Z info prepared 3 rows', fit: '2025-06-15T15:06:40.002Z info fitted on 3 rows\n2025-06-15T15:06:40.003Z warn one class has 1 row' };
  const base = { params: {}, host: 'test', pid: 1, configDigest: null, tags: {}, error: null };
  await m.createRun({ ...base, id: producer, pipeline: 'churn', status: 'running', startedAt: t0, endedAt: null });
  const step = (id: string, runId: string, name: string, at: number) => m.createStepRun({ id, runId, step: name, status: 'running', cacheKey: `k-${id}`, codeDigest: 'c', params: {}, startedAt: at, endedAt: null, logs: '', error: null, cachedFrom: null });
  const put = async (text: string) => s.artifacts.put(new TextEncoder().encode(text));

  await step(stepRuns.prepare, producer, 'prepare', t0 + 1);
  const tableBlob = await put('a,b\n1,2\n3,4\n5,6\n');
  const rowsDigest = `sha256:${'ab'.repeat(32)}`;
  const table = await m.recordArtifact({ id: createId(t0 + 3), name: 'churn/prepare/table', digest: tableBlob.digest, size: tableBlob.size, serializer: 'frame', runId: producer, stepRunId: stepRuns.prepare, output: 'table', createdAt: t0 + 3, metadata: { rows: 3, datasetDigest: rowsDigest } });
  await m.recordDatasetVersion({ name: 'churn/train', digest: rowsDigest, blobDigest: tableBlob.digest, size: tableBlob.size, rows: 3, schema: [{ name: 'a', dtype: 'int32' }], createdAt: t0 + 3, runId: producer });
  await m.recordDatasetUses([{ runId: producer, stepRunId: stepRuns.prepare, name: 'churn/train', version: 1, role: 'output', createdAt: t0 + 3 }]);
  await m.finishStepRun(stepRuns.prepare, { status: 'succeeded', endedAt: t0 + 4, logs: logs.prepare });

  await step(stepRuns.fit, producer, 'fit', t0 + 5);
  await m.recordStepInputs([{ stepRunId: stepRuns.fit, name: 'table', artifactId: table.id }]);
  const modelBlob = await put('onnx bytes of churn v1');
  const model = await m.recordArtifact({ id: createId(t0 + 6), name: 'churn/fit/modelOnnx', digest: modelBlob.digest, size: modelBlob.size, serializer: 'bytes', runId: producer, stepRunId: stepRuns.fit, output: 'modelOnnx', createdAt: t0 + 6, metadata: null });
  await m.finishStepRun(stepRuns.fit, { status: 'succeeded', endedAt: t0 + 7, logs: logs.fit });
  await m.finishRun(producer, { status: 'succeeded', endedAt: t0 + 8 });
  await s.tracker.startRun({ id: producer, experiment: 'churn', pipelineRunId: producer, startedAt: t0 });
  await s.tracker.endRun(producer, 'succeeded', t0 + 8);
  await s.registry.register({ name: 'churn', runId: producer, artifacts: { onnx: modelBlob.digest }, signature: { task: 'binary', inputs: [{ name: 'a', type: 'double' }], outputs: [{ name: 'probabilities', type: 'float', shape: [null, 2] }], classes: ['no', 'yes'] } }, { actor: 'seed' });
  await s.registry.promote('churn', 1, { reason: 'first', actor: 'seed' });

  await m.createRun({ ...base, id: reader, pipeline: 'score', status: 'running', startedAt: t0 + 10_000, endedAt: null });
  await step(stepRuns.score, reader, 'score', t0 + 10_001);
  await m.recordDatasetUses([{ runId: reader, stepRunId: stepRuns.score, name: 'churn/train', version: 1, role: 'input', createdAt: t0 + 10_002 }]);
  const scoresBlob = await put('[0.1, 0.9, 0.4]');
  const scores = await m.recordArtifact({ id: createId(t0 + 10_003), name: 'score/score/scores', digest: scoresBlob.digest, size: scoresBlob.size, serializer: 'json', runId: reader, stepRunId: stepRuns.score, output: 'scores', createdAt: t0 + 10_003, metadata: null });
  await m.finishStepRun(stepRuns.score, { status: 'succeeded', endedAt: t0 + 10_004, logs: '' });
  await m.finishRun(reader, { status: 'succeeded', endedAt: t0 + 10_005 });

  const orchestrated = { succeeded: await orchestrate(runStore, orchestrator, 'ok'), failed: await orchestrate(runStore, orchestrator, 'fail'), running: await orchestrate(runStore, orchestrator, 'run') };
  return { producer, reader, stepRuns, artifacts: { table: table.id, model: model.id, scores: scores.id }, orchestrated, logs };
}

/** Submits a run of `churn` (plan: fetch → train) and walks it as a worker would: to the end, to a failure, or into its first step. */
async function orchestrate(runs: RunStore, orchestrator: Orchestrator, to: 'ok' | 'fail' | 'run'): Promise<string> {
  const { run } = await orchestrator.submit({ pipeline: 'churn', trigger: { kind: 'manual', source: 'seed' } });
  const worker = 'seed-host:1';
  const take = async (stepId: string) => {
    const job = (await runs.getStep(run.id, stepId))!.jobId!;
    return (await runs.claim(run.id, stepId, job, worker, Date.now()))!;
  };
  await runs.recordPlan(run.id, (await take(planStep)).claim, [{ id: 'fetch', dependsOn: [] }, { id: 'train', dependsOn: ['fetch'] }], Date.now());
  const fetch = await take('fetch');
  if (to === 'run') return run.id;
  await runs.completeStep(run.id, 'fetch', fetch.claim, { table: 'artifact-1' }, fetch.dependents, Date.now());
  const train = await take('train');
  if (to === 'ok') await runs.completeStep(run.id, 'train', train.claim, { model: 'artifact-2' }, train.dependents, Date.now());
  else await runs.failAttempt(run.id, 'train', train.claim, 'Error: no rows to train on\n    at train (pipelines/churn.ts:12:3)', { attempts: 1, delayMs: 0, factor: 1, maxDelayMs: 0 }, Date.now());
  return run.id;
}

/** A dashboard on a fresh store (SQLite or Postgres) with the embedded orchestrator, seeded by `seedLifecycle`. */
export async function openSeededSubject(kind: 'sqlite' | 'postgres'): Promise<{ s: UiSubject; seed: SeededLifecycle }> {
  let runs: RunStore | undefined;
  const s = await openUiSubject(kind, {}, (store) => {
    const local = openLocalOrchestrator(store);
    runs = local.runs;
    return { orchestrator: local.orchestrator };
  });
  return { s, seed: await seedLifecycle(s, s.store, runs!, s.services.orchestrator!) };
}
