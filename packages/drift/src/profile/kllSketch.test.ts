import { KllSketch } from './kllSketch';

// A deterministic, non-trivial stream: a Weyl sequence mapped through a skewed transform.
const stream = (n: number, offset = 0) => Float64Array.from({ length: n }, (_, i) => Math.tan((((i + offset) * 0.6180339887498949) % 1) * 3));

/** max over probe points of |estimated F(v) − true F(v)|, the normalised rank error. */
function maxRankError(sketch: KllSketch, values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  const view = sketch.view();
  let worst = 0;
  for (let p = 1; p < 1000; p++) {
    const v = sorted[Math.floor((p / 1000) * sorted.length)];
    let i = 0;
    let lo = 0;
    let hi = view.values.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (view.values[mid] <= v) lo = mid + 1;
      else hi = mid;
    }
    i = lo;
    let truth = Math.floor((p / 1000) * sorted.length);
    while (truth < sorted.length && sorted[truth] <= v) truth++;
    worst = Math.max(worst, Math.abs((i ? view.cumulative[i - 1] : 0) / view.n - truth / sorted.length));
  }
  return worst;
}

describe('KllSketch', () => {
  it('is exact until its first compaction', () => {
    const sketch = new KllSketch(100);
    sketch.updateAll([5, 1, 4, NaN, 2, 3]);
    expect(sketch.exact).toBe(true);
    expect(sketch).toMatchObject({ count: 5, min: 1, max: 5 });
    expect(Array.from(sketch.view().values)).toEqual([1, 2, 3, 4, 5]);
    expect(sketch.quantile(0.5)).toBe(3);
  });

  it('keeps the total weight equal to the count and memory O(k)', () => {
    const sketch = new KllSketch(200);
    sketch.updateAll(stream(300_000));
    expect(sketch.count).toBe(300_000);
    expect(sketch.view().cumulative.at(-1)).toBe(300_000);
    expect(sketch.retained).toBeLessThan(1200);
  });

  it('stays within the documented rank error 2.3/k^0.97 (0.68% at k = 400), also after merging', () => {
    const values = stream(400_000);
    const whole = new KllSketch(400);
    whole.updateAll(values);
    const bound = 2.296 / 400 ** 0.9723;
    expect(maxRankError(whole, values)).toBeLessThan(bound);
    const parts = [0, 1, 2, 3].map((p) => {
      const s = new KllSketch(400, p + 1);
      s.updateAll(values.subarray(p * 100_000, (p + 1) * 100_000));
      return s;
    });
    const merged = parts.reduce((a, b) => a.merge(b));
    expect(merged.count).toBe(400_000);
    expect(maxRankError(merged, values)).toBeLessThan(bound);
  });

  it('round-trips through JSON and continues identically', () => {
    const a = new KllSketch(50);
    a.updateAll(stream(5000));
    const b = KllSketch.fromJSON(JSON.parse(JSON.stringify(a)));
    a.updateAll(stream(3000, 7));
    b.updateAll(stream(3000, 7));
    expect(b.toJSON()).toEqual(a.toJSON());
    expect(() => KllSketch.fromJSON({ ...a.toJSON(), n: 1 })).toThrow('sketch.n: expected the total weight of the levels (8000), received 1');
    expect(() => a.merge(new KllSketch(60))).toThrow('other.k: expected 50 (sketches merge only with the same k), received 60');
  });
});
