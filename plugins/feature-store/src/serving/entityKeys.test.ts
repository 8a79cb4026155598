import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { tokens } from '@mlops/core';
import { openSqlMetadataStore, sqlHandleOf, type SqlMetadataStore } from '@mlops/sql-metadata';
import { createTestContext } from '@mlops/testkit';
import { entity, featureService, featureView, sqlSource } from '../definitions';
import { EntityKeyError } from '../errors';
import { entityKeyOf } from '../lib/entityKey';
import { EmbeddedOnlineStore } from '../online';
import { featureStore } from '../plugin';
import type { SqlFeatureStore } from '../SqlFeatureStore';

const patient = entity({ name: 'patient', joinKeys: ['patient_id'] });
const vitals = featureView({ name: 'vitals', entities: [patient], source: sqlSource({ table: 'events', timestampColumn: 'ts' }), features: { pulse: 'float' } });
const svc = featureService({ name: 'svc', features: [vitals] });

describe('entity keys with a lone UTF-16 surrogate', () => {
  let dir: string;
  let metadata: SqlMetadataStore;
  let store: SqlFeatureStore;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mlops-fs-keys-'));
    metadata = openSqlMetadataStore({ kind: 'sqlite', path: join(dir, 'metadata.sqlite') });
    await metadata.start();
    store = (await featureStore.create(createTestContext(featureStore, { definitions: [svc] }, { projectRoot: dir, services: { [tokens.database.id]: metadata.database } }))) as SqlFeatureStore;
    await store.start();
  });
  afterAll(async () => {
    await store.close();
    await metadata.close?.();
    await rm(dir, { recursive: true, force: true });
  });

  it('are refused as bad input naming the join key, not a URIError from the key encoding', () => {
    expect(() => entityKeyOf(['patient_id'], ['\ud800'])).toThrow(new EntityKeyError('patient_id', 'a well-formed string', 'a lone UTF-16 surrogate at index 0'));
    expect(entityKeyOf(['patient_id', 'site'], ['🙂&=', 7])).toBe('patient_id=%F0%9F%99%82%26%3D&site=7');
  });

  it('getOnlineFeatures (embedded online store) rejects them with a badInput error', async () => {
    const read = store.getOnlineFeatures({ featureService: 'svc', entities: [{ patient_id: 'ok' }, { patient_id: 'x\udc00' }] });
    await expect(read).rejects.toMatchObject({ name: 'EntityKeyError', badInput: true, field: 'patient_id', message: 'entity key patient_id: expected a well-formed string, received a lone UTF-16 surrogate at index 1' });
  });

  it('the embedded online store refuses such keys on read and write, which its driver would turn into U+FFFD', async () => {
    const online = new EmbeddedOnlineStore({ knex: sqlHandleOf(metadata.database, 'entityKeys.test').knex });
    await online.write('vitals', [{ entityKey: 'patient_id=\ufffd', values: { pulse: 60 }, eventTimestamp: 1 }]);
    await expect(online.read('vitals', ['patient_id=\ud800'], ['pulse'])).rejects.toMatchObject({ name: 'EntityKeyError', badInput: true, field: 'entityKey' });
    await expect(online.write('vitals', [{ entityKey: 'patient_id=\ud800', values: { pulse: 99 }, eventTimestamp: 2 }])).rejects.toMatchObject({ name: 'EntityKeyError', badInput: true });
    expect((await online.read('vitals', ['patient_id=\ufffd'], ['pulse']))[0]?.values).toEqual({ pulse: 60 });
  });
});
