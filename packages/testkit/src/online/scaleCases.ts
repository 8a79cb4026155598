import type { Lifecycle, OnlineFeatureRow, OnlineStore } from '@mlops/core';
import { jestGlobals } from '../lib/jestGlobals';
import { useSubject } from '../lib/useSubject';
import { row, t0, viewName } from './onlineSamples';
import type { OnlineStoreConformanceOptions, OnlineStoreFactory } from './OnlineStoreSubject';

/** Many entities in one write and one read; concurrent writers racing on the same entities. */
export function scaleCases(factory: OnlineStoreFactory, options: OnlineStoreConformanceOptions): void {
  const { afterAll, describe, expect, it } = jestGlobals();
  const bulk = options.bulkEntities ?? 10_000;
  const writers = options.writers ?? 8;
  const timeoutMs = options.timeoutMs ?? 120_000;

  describe('scale and concurrency', () => {
    const subject = useSubject(factory);
    const store = () => subject().store;
    let another: (OnlineStore & Lifecycle) | undefined;
    afterAll(async () => {
      await another?.close?.();
    });

    it(
      `writes ${bulk} entities × 20 features in one call and reads them back in one call`,
      async () => {
        const view = viewName('bulk');
        const features = Array.from({ length: 20 }, (_, f) => `f${f}`);
        const rows = Array.from({ length: bulk }, (_, i) => row(`entity-${i}`, t0 + i, Object.fromEntries(features.map((f, j) => [f, j % 3 === 0 ? `s${i}` : j % 3 === 1 ? i * j + 0.25 : i % 2 === 0]))));
        await store().write(view, rows);
        const keys = rows.map((r) => r.entityKey).reverse();
        const results = await store().read(view, keys, features);
        expect(results).toHaveLength(bulk);
        results.forEach((result, k) => {
          const expected = rows[bulk - 1 - k]!;
          if (result?.eventTimestamp !== expected.eventTimestamp || JSON.stringify(result.values) !== JSON.stringify(expected.values)) {
            throw new Error(`entity ${expected.entityKey}: expected ${JSON.stringify(expected)}, read ${JSON.stringify(result)}`);
          }
        });
      },
      timeoutMs,
    );

    it(
      `${writers} concurrent writers on the same entities: each entity ends with its newest row`,
      async () => {
        if (subject().openAnother) {
          another = await subject().openAnother!();
          await another.start?.();
        }
        const view = viewName('race');
        const entities = 400;
        // Writer w gives entity i the event time t0 + (w + i) % writers: exactly one writer has the newest.
        const rowsOf = (w: number): OnlineFeatureRow[] =>
          shuffle(Array.from({ length: entities }, (_, i) => row(`e${i}`, t0 + ((w + i) % writers), { writer: w, i })), w + 1);
        await Promise.all(
          Array.from({ length: writers }, async (_, w) => {
            const target = another && w % 2 === 1 ? another : store();
            const rows = rowsOf(w);
            for (let at = 0; at < rows.length; at += 50) await target.write(view, rows.slice(at, at + 50));
          }),
        );
        const results = await store().read(view, Array.from({ length: entities }, (_, i) => `e${i}`), ['writer', 'i']);
        const winners = results.map((r) => r?.values.writer);
        const expected = Array.from({ length: entities }, (_, i) => (writers - 1 - (i % writers) + writers) % writers);
        expect(winners).toEqual(expected);
        expect(results.map((r) => r?.eventTimestamp)).toEqual(Array(entities).fill(t0 + writers - 1));
      },
      timeoutMs,
    );
  });
}

/** Deterministic Fisher-Yates, so a failure reproduces. */
function shuffle<T>(items: T[], seed: number): T[] {
  let s = seed * 2654435761;
  for (let i = items.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
