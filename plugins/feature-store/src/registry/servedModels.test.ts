import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createRuntime, resolveConfig, silentLogger, tokens, type ModelSignature, type Runtime } from '@mlops/core';
import { modelRegistry } from '@mlops/model-registry';
import { localArtifactStore, sqliteMetadataStore } from '@mlops/storage-local';
import { entity, featureService, featureView, sqlSource } from '../definitions';
import { IncompatibleChangeError } from '../errors';
import { featureStore } from '../plugin';

const customer = entity({ name: 'customer', joinKeys: ['customer_id'] });
const source = sqlSource({ table: 'events', timestampColumn: 'ts' });
const stats = featureView({ name: 'stats', entities: [customer], source, features: { spend: 'float', visits: 'int' } });
/** Version 1 serves both features. */
const v1 = { stats, svc: featureService({ name: 'svc', features: [stats] }) };
/** The same view, but the service stops serving `visits`: no feature is removed, so only the model can object. */
const narrowed = { stats, svc: featureService({ name: 'svc', features: [stats.select('spend')] }) };
const signature: ModelSignature = { task: 'regression', inputs: [{ name: 'spend', type: 'float' }, { name: 'visits', type: 'float' }], outputs: [{ name: 'variable', type: 'float', shape: [null, 1] }] };

describe('applied feature definitions and the models that serve them', () => {
  let dir: string;
  const open: Runtime[] = [];
  async function project(definitions: Record<string, unknown>): Promise<Runtime> {
    const config = await resolveConfig(
      { plugins: { metadataStore: sqliteMetadataStore, artifactStore: localArtifactStore, modelRegistry, featureStore: { use: featureStore, options: { definitions } } } },
      join(dir, 'mlops.config.ts'),
    );
    const runtime = await createRuntime(config, { logger: silentLogger });
    open.push(runtime);
    return runtime;
  }
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mlops-fs-served-'));
  });
  afterEach(async () => {
    for (const r of open.splice(0)) await r.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function registerChampion(runtime: Runtime): Promise<void> {
    const described = await runtime.get(tokens.featureStore).describeService('svc');
    expect(described).toMatchObject({ service: 'svc', version: 1, entityKeys: ['customer_id'], columns: [{ name: 'spend', type: 'float' }, { name: 'visits', type: 'int' }] });
    const registry = runtime.get(tokens.modelRegistry);
    const onnx = await runtime.get(tokens.artifactStore).put(new Uint8Array([1, 2, 3]));
    const features = { service: 'svc', definitionsVersion: described.version, definitionsDigest: described.digest, entityKeys: described.entityKeys };
    const { version } = await registry.register({ name: 'churn', artifacts: { onnx: onnx.digest }, signature, features });
    await registry.promote('churn', version, { force: true, reason: 'test' });
  }

  it('refuses a change that breaks a service a registered alias serves, naming the model and alias, unless forced', async () => {
    const first = await project(v1);
    expect((await first.get(tokens.featureStore).apply()).version).toBe(1);
    await registerChampion(first);
    await first.close();

    const second = await project(narrowed);
    const store = second.get(tokens.featureStore);
    const refused = store.apply();
    await expect(refused).rejects.toThrow(IncompatibleChangeError);
    await expect(refused).rejects.toThrow('svc: breaks model churn@champion (v1), which serves it: missing visits');
    expect((await store.plan()).currentVersion).toBe(1);
    const forced = await store.apply({ force: true });
    expect([forced.version, forced.applied]).toEqual([2, true]);
  });

  it('serves the applied definitions, not the ones in code, until they are applied', async () => {
    const first = await project(v1);
    await first.get(tokens.featureStore).apply();
    await first.close();

    // Code narrows the service, but version 1 is what is applied: online reads still give both.
    const second = await project(narrowed);
    const store = second.get(tokens.featureStore);
    const read = await store.getOnlineFeatures({ featureService: 'svc', entities: [{ customer_id: 1 }] });
    expect(read.features).toEqual(['spend', 'visits']);
    expect(read.status).toEqual({ spend: ['missing'], visits: ['missing'] });
    await store.apply();
    expect((await store.getOnlineFeatures({ featureService: 'svc', entities: [{ customer_id: 1 }] })).features).toEqual(['spend']);
  });
});
