import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Alert, NewModelVersion } from '@mlops/core';
import { modelRegistryOptions, SqlModelRegistry } from '@mlops/model-registry';
import { openSqlMetadataStore, sqlHandleOf, type SqlMetadataStore } from '@mlops/sql-metadata';
import { MemoryArtifactStore } from '@mlops/testkit';
import { earlierPromotion } from '../../examples/breast-cancer/pipelines/lib/earlierPromotion';

// What the example's `register` step does when an orchestrator retries it after the registry already
// answered (the worker died before the step's output was recorded): the same artifacts give the same
// version, and the gate's recorded verdict is reused, so no second event and no second alert.
let dir: string;
let store: SqlMetadataStore;
let registry: SqlModelRegistry;
const alerts: Alert[] = [];
const artifacts = new MemoryArtifactStore();
const testRows = `sha256:${'a'.repeat(64)}`;

async function version(tag: string, rocAuc: number): Promise<NewModelVersion> {
  const onnx = await artifacts.put(new TextEncoder().encode(`serving model ${tag}`));
  return {
    name: 'breast-cancer',
    runId: `run-${tag}`,
    artifacts: { onnx: onnx.digest },
    signature: { task: 'binary', inputs: [{ name: 'mean_radius', type: 'double' }], outputs: [{ name: 'probabilities', type: 'float', shape: [null, 2] }], classes: ['benign', 'malignant'] },
    evaluation: { datasetDigest: testRows, datasetName: 'held-out test split', metrics: { rocAuc } },
  };
}

/** The register step's registry calls, as a retried attempt of run `runId` makes them again. */
async function registerAndPromote(runId: string, input: NewModelVersion) {
  const v = await registry.register(input);
  const reason = `candidate from pipeline run ${runId}`;
  const earlier = v.created ? undefined : await earlierPromotion(registry, 'breast-cancer', v.version, reason);
  return { version: v.version, created: v.created, result: earlier ?? (await registry.promote('breast-cancer', v.version, { to: 'champion', reason })) };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'mlops-earlier-promotion-'));
  store = openSqlMetadataStore({ kind: 'sqlite', path: path.join(dir, 'metadata.sqlite') });
  await store.start();
  registry = new SqlModelRegistry({ sql: sqlHandleOf(store.database, 'model-registry'), artifacts, options: modelRegistryOptions.parse({}), alerts: { send: async (a) => void alerts.push(a) } });
  await registry.start();
});
afterAll(async () => {
  await registry.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

it('a retried register step of the same run reuses the promotion it got: one version, one event', async () => {
  const first = await registerAndPromote('r1', await version('v1', 0.9));
  expect([first.version, first.created, first.result.promoted]).toEqual([1, true, true]);
  const retried = await registerAndPromote('r1', await version('v1', 0.9));
  expect([retried.version, retried.created, retried.result.promoted, retried.result.event.id]).toEqual([1, false, true, first.result.event.id]);
  expect((await registry.history('breast-cancer')).map((e) => `${e.type} v${e.version}`)).toEqual(['register v1', 'promote v1']);
});

it('a retried refusal is not refused (and alerted) twice; another run asks the gate again', async () => {
  const worse = await registerAndPromote('r2', await version('v2', 0.8));
  expect([worse.version, worse.result.promoted, worse.result.decision.incumbentVersion]).toEqual([2, false, 1]);
  expect(alerts).toHaveLength(1);
  const retried = await registerAndPromote('r2', await version('v2', 0.8));
  expect([retried.created, retried.result.promoted, retried.result.event.id, retried.result.decision]).toEqual([false, false, worse.result.event.id, worse.result.decision]);
  expect(alerts).toHaveLength(1);
  // `mlops runs reproduce` (a new run, the same artifacts) is a new question: the gate answers again.
  const reproduced = await registerAndPromote('r3', await version('v2', 0.8));
  expect([reproduced.version, reproduced.created, reproduced.result.promoted]).toEqual([2, false, false]);
  expect(alerts).toHaveLength(2);
  expect((await registry.history('breast-cancer')).map((e) => `${e.type} v${e.version}`)).toEqual(['register v1', 'promote v1', 'register v2', 'promotion-refused v2', 'promotion-refused v2']);
});
