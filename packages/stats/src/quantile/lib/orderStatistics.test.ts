import { orderStatistics } from './orderStatistics';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

describe('orderStatistics', () => {
  const shapes: [string, (i: number, r: () => number) => number][] = [
    ['uniform in (-0.5, 0.5)', (_i, r) => r() - 0.5],
    ['spanning many magnitudes, both signs', (_i, r) => (r() - 0.5) * 10 ** Math.floor(r() * 40 - 20)],
    ['few distinct', (_i, r) => Math.floor(r() * 3)],
    ['all equal', () => 1],
    ['one 16-bit bucket (deep digits)', (_i, r) => 1 + r() * 2 ** -10],
    ['neighbouring doubles', (i) => 1 + (i % 5000) * Number.EPSILON],
    ['signed zeros and infinities', (i) => [-0, 0, Infinity, -Infinity, 5e-324, -5e-324][i % 6]],
    ['integers', (i, r) => Math.floor(r() * 1e6) - (i % 2) * 5e5],
  ];

  it.each(shapes)('equals a full sort at every requested rank (%s)', (_shape, make) => {
    const random = lcg(42);
    for (const n of [1, 2, 5, 4096, 4097, 30_000]) {
      const values = Float64Array.from({ length: n }, (_, i) => make(i, random));
      const before = values.slice();
      const sorted = values.slice().sort();
      const ranks = [...new Set([0, n - 1, Math.floor(n / 2), Math.floor(n * 0.01), Math.floor(n * 0.01) + 1, Math.floor(n * 0.99)])]
        .filter((r) => r < n)
        .sort((a, b) => a - b);
      const got = Array.from(orderStatistics(values, Int32Array.from(ranks)));
      expect(got).toEqual(ranks.map((r) => sorted[r]));
      expect(values).toEqual(before);
    }
  });

  it('handles every rank of an array at once', () => {
    const values = Float64Array.from({ length: 5000 }, (_, i) => ((i * 7919) % 5000) - 2500.5);
    const ranks = Int32Array.from({ length: 5000 }, (_, i) => i);
    expect(orderStatistics(values, ranks)).toEqual(values.slice().sort());
  });
});
