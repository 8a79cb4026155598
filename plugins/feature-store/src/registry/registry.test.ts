import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { MemoryOnlineStore } from '@mlops/testkit';
import { entity, featureService, featureView, onDemandFeature, sqlSource } from '../definitions';
import { IncompatibleChangeError } from '../errors';
import { SqlFeatureStore } from '../SqlFeatureStore';
import { sqliteTarget, type TestTarget } from '../__fixtures__/targets';

const customer = entity({ name: 'customer', joinKeys: ['customer_id'] });
const source = sqlSource({ table: 'events', timestampColumn: 'ts' });
const view = (features: Record<string, 'float' | 'int' | 'string' | 'bool'>) => featureView({ name: 'stats', entities: [customer], source, ttl: '1d', features });

describe('plan and apply', () => {
  let subject: TestTarget;
  beforeEach(async () => {
    subject = await sqliteTarget();
  });
  afterEach(() => subject.cleanup());

  const storeOf = async (definitions: unknown[]) => {
    const store = new SqlFeatureStore({ definitions, registry: subject.target, online: new MemoryOnlineStore(), projectRoot: subject.dir });
    await store.start();
    return store;
  };

  it('plans everything as added at first, stores version 1, then finds nothing to do', async () => {
    const stats = view({ spend: 'float', orders: 'int' });
    const store = await storeOf([featureService({ name: 'svc', features: [stats] })]);
    const plan = await store.plan();
    expect(plan.currentVersion).toBeNull();
    expect(plan.changes).toEqual([
      { action: 'added', kind: 'entity', name: 'customer' },
      { action: 'added', kind: 'featureView', name: 'stats' },
      { action: 'added', kind: 'feature', name: 'stats:spend' },
      { action: 'added', kind: 'feature', name: 'stats:orders' },
      { action: 'added', kind: 'featureService', name: 'svc' },
    ]);
    expect(await store.apply()).toMatchObject({ version: 1, applied: true });
    expect(await store.apply()).toMatchObject({ version: 1, applied: false, changes: [] });
    expect(await store.plan()).toEqual({ currentVersion: 1, changes: [], incompatible: [] });
  });

  it('reports changed and removed objects, and applies compatible changes as a new version', async () => {
    await (await storeOf([featureService({ name: 'svc', features: [view({ spend: 'float', orders: 'int' }).select('spend')] })])).apply();
    const next = featureView({ name: 'stats', entities: [customer], source, ttl: '2d', features: { spend: 'float', segment: 'string' } });
    const store = await storeOf([featureService({ name: 'svc', features: [next.select('spend')] })]);
    const plan = await store.plan();
    expect(plan.changes).toEqual([
      { action: 'changed', kind: 'featureView', name: 'stats', detail: 'ttlMs 86400000 -> 172800000' },
      { action: 'added', kind: 'feature', name: 'stats:segment' },
      { action: 'removed', kind: 'feature', name: 'stats:orders' },
    ]);
    expect(plan.incompatible).toEqual([]);
    expect(await store.apply()).toMatchObject({ version: 2, applied: true });
  });

  it('refuses a type change and removing a feature a service uses, naming each, unless forced', async () => {
    const before = view({ spend: 'float', orders: 'int' });
    const ratio = onDemandFeature({ name: 'ratio', inputs: { views: [before] }, outputs: { r: 'float' }, fn: () => ({ r: 1 }) });
    await (await storeOf([featureService({ name: 'svc', features: [before, ratio] })])).apply();
    const after = view({ spend: 'int' });
    const store = await storeOf([featureService({ name: 'svc', features: [after] })]);
    const plan = await store.plan();
    expect(plan.incompatible).toEqual([
      { name: 'stats:spend', reason: 'feature type changed (type float -> int)' },
      { name: 'stats:orders', reason: 'removed, but feature service "svc" uses it' },
      { name: 'ratio:r', reason: 'removed, but feature service "svc" uses it' },
    ]);
    const error = await store.apply().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IncompatibleChangeError);
    expect((error as Error).message).toBe(
      'feature store: refusing incompatible changes (apply with --force to store them anyway):\n  stats:spend: feature type changed (type float -> int)\n  stats:orders: removed, but feature service "svc" uses it\n  ratio:r: removed, but feature service "svc" uses it',
    );
    expect((await store.plan()).currentVersion).toBe(1);
    expect(await store.apply({ force: true })).toMatchObject({ version: 2, applied: true });
  });

  it('lets a feature go when the services using it go too', async () => {
    await (await storeOf([featureService({ name: 'svc', features: [view({ spend: 'float', orders: 'int' })] })])).apply();
    const store = await storeOf([featureService({ name: 'other', features: [view({ spend: 'float' })] })]);
    expect((await store.plan()).incompatible).toEqual([]);
  });
});
