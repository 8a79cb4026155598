import { jestGlobals } from '../lib/jestGlobals';
import { useSubject } from '../lib/useSubject';
import { row, t0, viewName } from './onlineSamples';
import type { OnlineStoreFactory } from './OnlineStoreSubject';

/** Writes are idempotent and monotonic in the event time, entity by entity. */
export function monotonicCases(factory: OnlineStoreFactory): void {
  const { describe, expect, it } = jestGlobals();
  describe('monotonic writes', () => {
    const subject = useSubject(factory);
    const store = () => subject().store;

    it('ignores a row older than the stored one, per entity', async () => {
      const view = viewName('older');
      await store().write(view, [row('a', t0 + 10, { x: 'new' }), row('b', t0, { x: 'b0' })]);
      await store().write(view, [row('a', t0 + 9, { x: 'old' }), row('b', t0 + 1, { x: 'b1' })]);
      const results = await store().read(view, ['a', 'b'], ['x']);
      expect(results.map((r) => [r?.values.x, r?.eventTimestamp])).toEqual([
        ['new', t0 + 10],
        ['b1', t0 + 1],
      ]);
    });

    it('re-writing the same row is harmless, and at an equal event time the later write wins', async () => {
      const view = viewName('equal');
      const first = row('e', t0, { x: 1, y: 'a' });
      await store().write(view, [first]);
      await store().write(view, [first]);
      expect((await store().read(view, ['e'], ['x', 'y']))[0]).toMatchObject({ values: { x: 1, y: 'a' }, eventTimestamp: t0 });
      // A corrected re-run of the same materialization window replaces the values.
      await store().write(view, [row('e', t0, { x: 2, y: 'b' })]);
      expect((await store().read(view, ['e'], ['x', 'y']))[0]).toMatchObject({ values: { x: 2, y: 'b' }, eventTimestamp: t0 });
    });

    it('a newer row replaces the whole row: features it lacks read as null', async () => {
      const view = viewName('replace');
      await store().write(view, [row('e', t0, { x: 1, y: 2 })]);
      await store().write(view, [row('e', t0 + 1, { x: 3 })]);
      expect((await store().read(view, ['e'], ['x', 'y']))[0]?.values).toStrictEqual({ x: 3, y: null });
    });

    it('keeps the newest of several rows for one entity in a single write, whatever their order', async () => {
      const view = viewName('dupes');
      await store().write(view, [row('e', t0 + 1, { x: 'mid' }), row('e', t0 + 5, { x: 'newest' }), row('e', t0, { x: 'oldest' })]);
      expect((await store().read(view, ['e'], ['x']))[0]).toMatchObject({ values: { x: 'newest' }, eventTimestamp: t0 + 5 });
    });

    it('updates writtenAt on an accepted write and leaves it on an ignored one', async () => {
      const view = viewName('written');
      await store().write(view, [row('e', t0 + 10, { x: 1 })]);
      const first = (await store().read(view, ['e'], ['x']))[0]!.writtenAt;
      await sleep(15);
      await store().write(view, [row('e', t0, { x: 0 })]);
      expect((await store().read(view, ['e'], ['x']))[0]!.writtenAt).toBe(first);
      await store().write(view, [row('e', t0 + 11, { x: 2 })]);
      expect((await store().read(view, ['e'], ['x']))[0]!.writtenAt).toBeGreaterThan(first);
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
