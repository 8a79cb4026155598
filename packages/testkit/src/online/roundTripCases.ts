import { jestGlobals } from '../lib/jestGlobals';
import { useSubject } from '../lib/useSubject';
import { row, scalarSamples, t0, viewName } from './onlineSamples';
import type { OnlineStoreFactory } from './OnlineStoreSubject';

/** Every FeatureScalar round-trips; results follow the requested keys and features. */
export function roundTripCases(factory: OnlineStoreFactory): void {
  const { describe, expect, it } = jestGlobals();
  describe('round trip', () => {
    const subject = useSubject(factory);
    const store = () => subject().store;

    it('reads back every scalar type exactly, with its event time and write time', async () => {
      const view = viewName('types');
      const before = Date.now();
      await store().write(view, [row('e1', t0 + 0.5, scalarSamples)]);
      const after = Date.now();
      const [result] = await store().read(view, ['e1'], Object.keys(scalarSamples));
      expect(result?.values).toStrictEqual(scalarSamples);
      expect(result?.eventTimestamp).toBe(t0 + 0.5);
      expect(result?.writtenAt).toBeGreaterThanOrEqual(before - 1);
      expect(result?.writtenAt).toBeLessThanOrEqual(after + 1);
    });

    it('keeps a 100 kB string intact', async () => {
      const view = viewName('long');
      const long = 'ab✓🚀'.repeat(20_000);
      await store().write(view, [row('e', t0, { long })]);
      expect((await store().read(view, ['e'], ['long']))[0]?.values.long).toBe(long);
    });

    it('stores negative zero as 0 (as JSON does)', async () => {
      const view = viewName('negzero');
      await store().write(view, [row('e', t0, { z: -0 })]);
      expect(Object.is((await store().read(view, ['e'], ['z']))[0]?.values.z, 0)).toBe(true);
    });

    it('aligns results with the requested keys, duplicates included, and gives null for unknown entities', async () => {
      const view = viewName('align');
      await store().write(view, [row('a', t0, { x: 1 }), row('b', t0 + 1, { x: 2 }), row('c', t0 + 2, { x: 3 })]);
      const results = await store().read(view, ['c', 'nobody', 'a', 'c', 'b'], ['x']);
      expect(results.map((r) => r?.values.x ?? null)).toEqual([3, null, 1, 3, 2]);
      expect(results[1]).toBeNull();
      expect(results.map((r) => r?.eventTimestamp ?? null)).toEqual([t0 + 2, null, t0, t0 + 2, t0 + 1]);
    });

    it('returns only the requested features, and null for a requested feature the row lacks', async () => {
      const view = viewName('subset');
      await store().write(view, [row('e', t0, { a: 1, b: 'two', c: true })]);
      const [result] = await store().read(view, ['e'], ['c', 'a', 'unknown']);
      expect(result?.values).toStrictEqual({ c: true, a: 1, unknown: null });
      const [none] = await store().read(view, ['e'], []);
      expect(none).toMatchObject({ values: {}, eventTimestamp: t0 });
    });

    it('treats entity keys as opaque strings', async () => {
      const view = viewName('keys');
      const keys = ['id=1', 'id=1|region=eu', '{tag}', 'a:b:c', '*', '日本', ' ', 'x'.repeat(500)];
      await store().write(view, keys.map((k, i) => row(k, t0, { i })));
      const results = await store().read(view, keys, ['i']);
      expect(results.map((r) => r?.values.i)).toEqual(keys.map((_, i) => i));
      expect(await store().read(view, ['id=', 'ID=1', '{tag'], ['i'])).toEqual([null, null, null]);
    });

    it('accepts empty writes and empty reads', async () => {
      const view = viewName('empty');
      await store().write(view, []);
      expect(await store().read(view, [], ['x'])).toEqual([]);
      expect(await store().read(view, ['e'], ['x'])).toEqual([null]);
    });

    it('rejects a value that is not a FeatureScalar, naming the entity and the feature, and writes nothing', async () => {
      const view = viewName('invalid');
      const bad = [NaN, Infinity, undefined, { nested: 1 }, [1], BigInt(1)];
      for (const value of bad) {
        const rows = [row('good', t0, { ok: 1 }), row('bad-entity', t0, { ok: 1, bad_feature: value as never })];
        await expect(store().write(view, rows)).rejects.toThrow(/bad-entity[\s\S]*bad_feature|bad_feature[\s\S]*bad-entity/);
      }
      expect(await store().read(view, ['good', 'bad-entity'], ['ok'])).toEqual([null, null]);
    });

    it('rejects a row without a finite event time, and a bad expireAfterMs', async () => {
      const view = viewName('invalid_ts');
      await expect(store().write(view, [row('e', NaN, { x: 1 })])).rejects.toThrow(/eventTimestamp/);
      await expect(store().write(view, [row('e', '1' as never, { x: 1 })])).rejects.toThrow(/eventTimestamp/);
      await expect(store().write(view, [row('e', t0, { x: 1 })], { expireAfterMs: -5 })).rejects.toThrow(/expireAfterMs/);
      await expect(store().write(view, [row('e', t0, { x: 1 })], { expireAfterMs: NaN })).rejects.toThrow(/expireAfterMs/);
      expect(await store().read(view, ['e'], ['x'])).toEqual([null]);
    });
  });
}
