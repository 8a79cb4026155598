import { describe, expect, it } from '@jest/globals';
import { histogramFromCounts } from './histogramFromCounts';

const sum = (v: number[]) => v.reduce((a, b) => a + b, 0);

describe('histogramFromCounts', () => {
  it('turns counts into shares on the same bins', () => {
    expect(histogramFromCounts({ kind: 'numeric', edges: [0, 1, 2], reference: [1, 3], current: [2, 2] })).toEqual({ kind: 'numeric', edges: [0, 1, 2], reference: [0.25, 0.75], current: [0.5, 0.5] });
    // With totals that include nulls, the shares leave room for them.
    expect(histogramFromCounts({ kind: 'counts', keys: ['a', 'b'], reference: [1, 1], current: [0, 0] }, { totals: { reference: 4, current: 0 } })).toEqual({ kind: 'categorical', categories: ['a', 'b'], reference: [0.25, 0.25], current: [0, 0] });
  });

  it('merges numeric bins in equal groups down to at most 50, keeping the outer edges and the mass', () => {
    const edges = Array.from({ length: 201 }, (_, i) => i);
    const counts = Array.from({ length: 200 }, (_, i) => i + 1);
    const h = histogramFromCounts({ kind: 'numeric', edges, reference: counts, current: counts.slice().reverse() });
    if (h.kind !== 'numeric') throw new Error('expected numeric');
    expect(h.reference).toHaveLength(50);
    expect(h.edges).toEqual(Array.from({ length: 51 }, (_, i) => i * 4));
    expect(h.reference[0]).toBeCloseTo((1 + 2 + 3 + 4) / sum(counts), 12);
    expect(sum(h.current)).toBeCloseTo(1, 12);
    // 7 bins into at most 3: groups of 3, the last one shorter.
    expect(histogramFromCounts({ kind: 'numeric', edges: [0, 1, 2, 3, 4, 5, 6, 7], reference: [1, 1, 1, 1, 1, 1, 1], current: [0, 0, 0, 0, 0, 0, 7] }, { maxBins: 3 })).toEqual({ kind: 'numeric', edges: [0, 3, 6, 7], reference: [3 / 7, 3 / 7, 1 / 7], current: [0, 0, 1] });
  });

  it('keeps the most frequent categories and merges the rest into one last bin', () => {
    const keys = ['d', 'c', 'b', 'a', 'e'];
    const h = histogramFromCounts({ kind: 'counts', keys, reference: [1, 5, 1, 1, 2], current: [1, 5, 1, 1, 0] }, { maxBins: 3 });
    // c (10) first, then the tie a/b/d (2 each) broken by name: a; e (2) ties too and sorts after.
    expect(h).toEqual({ kind: 'categorical', categories: ['c', 'a', '(3 others)'], reference: [0.5, 0.1, 0.4], current: [0.625, 0.125, 0.25], otherCategories: 3 });
  });

  it('bounds 1000 categories to 50 bins and cuts long labels, keeping them distinct', () => {
    const keys = Array.from({ length: 1000 }, (_, i) => `${'x'.repeat(300)}${i}`);
    const h = histogramFromCounts({ kind: 'counts', keys, reference: keys.map((_, i) => 1000 - i), current: keys.map(() => 1) });
    if (h.kind !== 'categorical') throw new Error('expected categorical');
    expect(h.categories).toHaveLength(50);
    expect(h.categories[49]).toBe('(951 others)');
    expect(new Set(h.categories).size).toBe(50);
    expect(Math.max(...h.categories.map((c) => c.length))).toBeLessThanOrEqual(200);
    expect(sum(h.reference)).toBeCloseTo(1, 12);
  });
});
