import { jestGlobals } from '../lib/jestGlobals';
import { useSubject } from '../lib/useSubject';
import { row, t0, viewName } from './onlineSamples';
import type { OnlineStoreFactory } from './OnlineStoreSubject';

/** Views are separate namespaces; `deleteView` empties one and nothing else. */
export function viewCases(factory: OnlineStoreFactory): void {
  const { describe, expect, it } = jestGlobals();
  describe('views', () => {
    const subject = useSubject(factory);
    const store = () => subject().store;

    it('isolates views: one entity key in two views holds two rows, and monotonicity is per view', async () => {
      const [a, b] = [viewName('va'), viewName('vb')];
      await store().write(a, [row('e', t0 + 10, { x: 'a' })]);
      await store().write(b, [row('e', t0, { x: 'b' })]);
      expect((await store().read(a, ['e'], ['x']))[0]?.values.x).toBe('a');
      expect((await store().read(b, ['e'], ['x']))[0]?.values.x).toBe('b');
      expect(await store().read(viewName('vc'), ['e'], ['x'])).toEqual([null]);
    });

    it('does not confuse views whose names are prefixes of each other', async () => {
      const base = viewName('prefix');
      await store().write(base, [row('e', t0, { x: 1 })]);
      await store().write(`${base}_2`, [row('e', t0, { x: 2 })]);
      await store().deleteView(base);
      expect(await store().read(base, ['e'], ['x'])).toEqual([null]);
      expect((await store().read(`${base}_2`, ['e'], ['x']))[0]?.values.x).toBe(2);
    });

    it('deleteView removes every entity of that view only; the view can be written again', async () => {
      const [gone, kept] = [viewName('gone'), viewName('kept')];
      const keys = Array.from({ length: 2500 }, (_, i) => `k${i}`);
      await store().write(gone, keys.map((k) => row(k, t0 + 100, { x: 1 })));
      await store().write(kept, keys.slice(0, 10).map((k) => row(k, t0, { x: 2 })));
      await store().deleteView(gone);
      expect((await store().read(gone, keys, ['x'])).every((r) => r === null)).toBe(true);
      expect((await store().read(kept, keys.slice(0, 10), ['x'])).map((r) => r?.values.x)).toEqual(Array(10).fill(2));
      // Nothing of the old rows survives to block an older event time.
      await store().write(gone, [row('k0', t0, { x: 3 })]);
      expect((await store().read(gone, ['k0'], ['x']))[0]?.values.x).toBe(3);
      await store().deleteView(viewName('never_written'));
    });
  });
}
