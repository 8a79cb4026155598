import { selectPositions } from './selectPositions';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

describe('selectPositions', () => {
  const shapes: [string, (n: number, r: () => number) => number][] = [
    ['random', (_n, r) => r()],
    ['few distinct', (_n, r) => Math.floor(r() * 3)],
    ['all equal', () => 1],
    ['ascending', (n) => n],
    ['descending', (n) => -n],
    ['organ pipe', (n) => Math.min(n % 1000, 1000 - (n % 1000))],
  ];

  it.each(shapes)('puts each wanted index where a sort would (%s values)', (_shape, make) => {
    const random = lcg(42);
    for (const n of [1, 2, 5, 24, 25, 100, 5000]) {
      const values = Float64Array.from({ length: n }, (_, i) => make(i, random));
      const sorted = values.slice().sort();
      const wanted = [...new Set([0, n - 1, Math.floor(n / 2), Math.floor(n * 0.01), Math.floor(n * 0.99)])].sort((a, b) => a - b);
      const scratch = values.slice();
      selectPositions(scratch, Int32Array.from(wanted));
      expect(wanted.map((i) => scratch[i])).toEqual(wanted.map((i) => sorted[i]));
      expect(scratch.slice().sort()).toEqual(sorted);
    }
  });
});
