import { float64Column, Frame } from '@mlops/frame';
import { profileFrame } from './profileFrame';

describe('profileFrame', () => {
  const frame = Frame.fromRows([
    { amount: 1.5, n: 1, city: 'Oslo', seen: new Date(Date.UTC(2024, 0, 1)), ok: true },
    { amount: null, n: 2, city: null, seen: null, ok: false },
    { amount: 3.5, n: 3, city: 'Lima', seen: new Date(Date.UTC(2024, 0, 3)), ok: null },
  ]);

  it('summarizes every column in order, with the row count', () => {
    const profile = profileFrame(frame, { histogramBins: 2, topK: 1 });
    expect(profile.rowCount).toBe(3);
    expect(Object.keys(profile.columns)).toEqual(['amount', 'n', 'city', 'seen', 'ok']);
    expect(profile.columns.amount).toMatchObject({ kind: 'numeric', count: 2, mean: 2.5, histogram: { edges: [1.5, 2.5, 3.5], counts: [1, 1] } });
    expect(profile.columns.n).toMatchObject({ kind: 'numeric', dtype: 'int32', std: 1 });
    expect(profile.columns.city).toMatchObject({ kind: 'categorical', distinct: 2, frequencies: [{ value: 'Lima', count: 1 }], otherCount: 1 });
    expect(profile.columns.seen).toMatchObject({ kind: 'timestamp', min: Date.UTC(2024, 0, 1), max: Date.UTC(2024, 0, 3) });
    expect(profile.columns.ok).toMatchObject({ kind: 'bool', count: 2, trueCount: 1 });
  });

  it('is plain JSON: it survives a round trip unchanged, even for all-null columns', () => {
    const withNulls = Frame.fromRows([{ x: null, y: 1 }, { x: null, y: 1 }], { x: 'float64', y: 'float64' });
    for (const profile of [profileFrame(frame), profileFrame(withNulls)]) {
      expect(JSON.parse(JSON.stringify(profile))).toEqual(profile);
    }
    expect(profileFrame(withNulls).columns.x).toMatchObject({ mean: null, std: null, nullRate: 1 });
  });

  it('keeps a column called "__proto__" as an ordinary entry', () => {
    const profile = profileFrame(Frame.fromColumns(Object.fromEntries([['__proto__', float64Column([1, 2])]])));
    expect(Object.keys(profile.columns)).toEqual(['__proto__']);
    expect(JSON.stringify(profile)).toContain('"__proto__":{"kind":"numeric"');
  });
});
