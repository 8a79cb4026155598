import { jestGlobals } from '../lib/jestGlobals';
import { useSubject } from '../lib/useSubject';
import { row, t0, viewName } from './onlineSamples';
import type { OnlineStoreFactory } from './OnlineStoreSubject';

const expireAfterMs = 400;

/** `expireAfterMs` drops a row that long after it was written; a later write sets or clears it. */
export function expiryCases(factory: OnlineStoreFactory): void {
  const { describe, expect, it } = jestGlobals();
  describe('expireAfterMs', () => {
    const subject = useSubject(factory);
    const store = () => subject().store;

    it('keeps a row until expireAfterMs after its write, then reads null; rows without it stay', async () => {
      const view = viewName('expiry');
      await store().write(view, [row('short', t0, { x: 1 })], { expireAfterMs });
      await store().write(view, [row('forever', t0, { x: 2 })], { expireAfterMs: null });
      await store().write(view, [row('default', t0, { x: 3 })]);
      expect((await store().read(view, ['short'], ['x']))[0]?.values.x).toBe(1);
      await sleep(expireAfterMs + 300);
      expect((await store().read(view, ['short', 'forever', 'default'], ['x'])).map((r) => r?.values.x ?? null)).toEqual([null, 2, 3]);
    });

    it('an expired row no longer blocks an older event time', async () => {
      const view = viewName('expired_monotonic');
      await store().write(view, [row('e', t0 + 100, { x: 'newer' })], { expireAfterMs });
      await sleep(expireAfterMs + 300);
      await store().write(view, [row('e', t0, { x: 'older' })]);
      expect((await store().read(view, ['e'], ['x']))[0]).toMatchObject({ values: { x: 'older' }, eventTimestamp: t0 });
    });

    it('a newer write without expireAfterMs keeps the row for good', async () => {
      const view = viewName('cleared');
      await store().write(view, [row('e', t0, { x: 1 })], { expireAfterMs });
      await store().write(view, [row('e', t0 + 1, { x: 2 })]);
      await sleep(expireAfterMs + 300);
      expect((await store().read(view, ['e'], ['x']))[0]?.values.x).toBe(2);
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
