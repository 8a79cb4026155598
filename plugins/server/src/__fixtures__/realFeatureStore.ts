import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tokens, type FeatureStore, type OnlineStore } from '@mlops/core';
import { EmbeddedOnlineStore, entity, featureService, featureView, featureStore, sqlSource } from '@mlops/feature-store';
import { openSqlMetadataStore, sqlHandleOf } from '@mlops/sql-metadata';
import { createTestContext } from '@mlops/testkit';

const patient = entity({ name: 'patient', joinKeys: ['patient_id'] });
const vitals = featureView({ name: 'vitals', entities: [patient], source: sqlSource({ table: 'events', timestampColumn: 'ts' }), features: { a: 'float', b: 'float', c: 'float' } });
/** The service the fixture model's inputs (a, b, c) come from, keyed by `patient_id`. */
export const vitalsService = featureService({ name: 'vitals_svc', features: [vitals] });

/**
 * A real feature store (SQLite metadata) over `online` (its embedded SQL store when undefined),
 * with its definitions applied and patient 1's a, b, c written online.
 */
export async function realFeatureStore(online?: OnlineStore): Promise<{ store: FeatureStore; close: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'mlops-server-fs-'));
  const metadata = openSqlMetadataStore({ kind: 'sqlite', path: join(dir, 'metadata.sqlite') });
  await metadata.start();
  // The embedded store is what the feature store uses when no online store is configured.
  const onlineStore = online ?? new EmbeddedOnlineStore({ knex: sqlHandleOf(metadata.database, 'realFeatureStore').knex });
  const services = { [tokens.database.id]: metadata.database, [tokens.onlineStore.id]: onlineStore };
  const store = await featureStore.create(createTestContext(featureStore, { definitions: [vitalsService] }, { projectRoot: dir, services }));
  await (store as { start?(): Promise<void> }).start?.();
  // The server checks the applied version of the service when a model loads, as `mlops features apply` would leave it.
  await (store as unknown as { apply(): Promise<unknown> }).apply();
  await onlineStore.write('vitals', [{ entityKey: 'patient_id=1', values: { a: 1.5, b: -0.5, c: 0.25 }, eventTimestamp: Date.now() }]);
  return {
    store,
    close: async () => {
      await (store as { close?(): Promise<void> }).close?.();
      await metadata.close?.();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
