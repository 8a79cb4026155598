import { boolColumn, categoryColumn, float64Column, Frame } from '@mlops/frame';
import { populationStd } from '../numeric/wasserstein';
import { datasetDrift } from '../select/datasetDrift';
import { DatasetProfile } from './DatasetProfile';
import { columnHistograms } from './columnHistograms';
import { baselineShift, profileDrift } from './profileDrift';

const wave = (n: number, shift = 0) => Float64Array.from({ length: n }, (_, i) => Math.sin(i * 1.7) * 3 + (i % 7) + shift);
const frame = (n: number, shift = 0) =>
  Frame.fromColumns({
    x: float64Column(wave(n, shift)),
    few: float64Column(Float64Array.from({ length: n }, (_, i) => (i * 7 + (shift > 0 ? 1 : 0)) % 3)),
    flag: boolColumn(Uint8Array.from({ length: n }, (_, i) => (i % 5 === 0 || (shift > 0 && i % 3 === 0) ? 1 : 0))),
    city: categoryColumn(Int32Array.from({ length: n }, (_, i) => (i % 11 === 0 ? -1 : i % 3)), ['a', 'b', 'c']),
  });

describe('DatasetProfile', () => {
  it('merging two halves gives the profile of the whole (moments, counts, nulls)', () => {
    const whole = DatasetProfile.create(frame(2000));
    const a = DatasetProfile.create(Frame.fromColumns(Object.fromEntries(['x', 'few', 'flag', 'city'].map((n) => [n, sliceColumn(frame(2000).column(n), 0, 1200)]))));
    const b = DatasetProfile.create(Frame.fromColumns(Object.fromEntries(['x', 'few', 'flag', 'city'].map((n) => [n, sliceColumn(frame(2000).column(n), 1200, 2000)]))));
    const merged = a.merge(b);
    expect(merged.rowCount).toBe(2000);
    const [wx, mx] = [whole.columns.get('x'), merged.columns.get('x')];
    if (wx?.kind !== 'numeric' || mx?.kind !== 'numeric') throw new Error('x is numeric');
    expect(mx.count).toBe(2000);
    expect(mx.mean).toBeCloseTo(wx.mean, 12);
    expect(mx.std).toBeCloseTo(wx.std, 12);
    expect(merged.toJSON().columns.city).toEqual(whole.toJSON().columns.city);
    expect(merged.toJSON().columns.city).toMatchObject({ nullCount: 182 });
    expect(merged.toJSON().columns.few).toMatchObject({ distinct: [[0, 667], [1, 667], [2, 666]] });
  });

  it('keeps moments finite for 1e300 and 1.7e308 values, through merges and JSON text', () => {
    const big = Float64Array.from([1e300, -1e300, 3e300, 1.7e308, -1.7e308]);
    const a = DatasetProfile.create(Frame.fromColumns({ v: float64Column(big.subarray(0, 3)) }));
    const b = DatasetProfile.create(Frame.fromColumns({ v: float64Column(big.subarray(3)) }));
    const merged = DatasetProfile.fromJSON(JSON.parse(JSON.stringify(a.merge(b)))).columns.get('v');
    if (merged?.kind !== 'numeric') throw new Error('numeric');
    expect(merged.mean).toBeCloseTo(3e300 / 5, -290);
    expect(merged.std / populationStd(big)).toBeCloseTo(1, 12);
    const small = DatasetProfile.create(Frame.fromColumns({ v: float64Column([1e-300, 3e-300]) })).columns.get('v');
    if (small?.kind !== 'numeric') throw new Error('numeric');
    expect(small.std / 1e-300).toBeCloseTo(1, 12);
  });

  it('round-trips through JSON, and rejects a bad one by field', () => {
    const p = DatasetProfile.create(frame(500));
    expect(DatasetProfile.fromJSON(JSON.parse(JSON.stringify(p))).toJSON()).toEqual(p.toJSON());
    expect(() => DatasetProfile.fromJSON({ version: 1, rowCount: 1, columns: { x: { kind: 'counts', nullCount: 0, counts: { a: -1 } } } })).toThrow('columns.x.counts.a: expected a count ≥ 0, received -1');
  });
});

describe('profileDrift', () => {
  it('equals raw-row drift while sketches are uncompacted', () => {
    for (const shift of [0, 0.8]) {
      const ref = frame(300);
      const cur = frame(250, shift);
      const raw = datasetDrift(ref, cur, { columns: { x: { test: 'psi' } } });
      const fromProfiles = profileDrift(DatasetProfile.create(ref), DatasetProfile.create(cur), { columns: { x: { test: 'psi' } } });
      expect(fromProfiles.columns.map(stripNoise)).toEqual(raw.columns.map(stripNoise));
      for (const test of ['ks', 'wasserstein_norm', 'jensenshannon'] as const) {
        const r = datasetDrift(ref, cur, { names: ['x'], columns: { x: { test } } }).columns[0];
        const p = profileDrift(DatasetProfile.create(ref), DatasetProfile.create(cur), { names: ['x'], columns: { x: { test } } }).columns[0];
        expect(p.statistic).toBeCloseTo(r.statistic as number, 10);
      }
    }
  });

  it('on large compacted profiles stays within the sketch error of the raw statistic', () => {
    const ref = frame(60_000);
    const cur = frame(50_000, 0.5);
    const raw = datasetDrift(ref, cur, { names: ['x'], columns: { x: { test: 'ks' } } }).columns[0];
    const sketched = profileDrift(DatasetProfile.create(ref), DatasetProfile.create(cur), { names: ['x'], columns: { x: { test: 'ks' } } }).columns[0];
    expect(sketched.method).toBe('sketch');
    expect(Math.abs((sketched.statistic as number) - (raw.statistic as number))).toBeLessThan(2 * (2.296 / 400 ** 0.9723));
    const w = profileDrift(DatasetProfile.create(ref), DatasetProfile.create(cur), { names: ['x'] }).columns[0];
    const wRaw = datasetDrift(ref, cur, { names: ['x'] }).columns[0];
    expect(w.test).toBe('wasserstein_norm');
    expect(Math.abs((w.statistic as number) - (wRaw.statistic as number))).toBeLessThan(0.02);
  });

  it('baselineShift reports mean and std moves in baseline standard deviations', () => {
    const ref = DatasetProfile.create(Frame.fromColumns({ v: float64Column([1, 2, 3, 4]) })).columns.get('v');
    const cur = DatasetProfile.create(Frame.fromColumns({ v: float64Column([5, 6, 7, 8]) })).columns.get('v');
    if (ref?.kind !== 'numeric' || cur?.kind !== 'numeric') throw new Error('numeric');
    expect(baselineShift(ref, cur)).toMatchObject({ referenceMean: 2.5, currentMean: 6.5, stdShift: 0 });
    expect(baselineShift(ref, cur).meanShift).toBeCloseTo(4 / Math.sqrt(1.25), 12);
  });
});

/** The raw path reports `method` only for KS; profiles agree on everything else. */
function stripNoise<T extends { statistic: number | null }>(r: T): T {
  return { ...r, statistic: r.statistic === null ? null : Number(r.statistic.toPrecision(10)) };
}

function sliceColumn(column: ReturnType<Frame['column']>, start: number, end: number) {
  const nulls = column.nulls?.slice(start, end);
  switch (column.dtype) {
    case 'float64':
      return float64Column(column.data.slice(start, end), nulls);
    case 'bool':
      return boolColumn(column.data.slice(start, end), nulls);
    case 'category':
      return categoryColumn(column.data.slice(start, end), column.dictionary, nulls);
    default:
      throw new Error(column.dtype);
  }
}

describe('columnHistograms', () => {
  it('bins both sides on shared equal-width edges (numpy rule) and aligns category counts', () => {
    const ref = DatasetProfile.create(Frame.fromColumns({ v: float64Column([0, 1, 2, 3, 4]), c: categoryColumn([0, 1, 1, -1, -1], ['a', 'b']) }));
    const cur = DatasetProfile.create(Frame.fromColumns({ v: float64Column([4, 6, 8, 8, NaN]), c: categoryColumn([0, 0, 1, -1, -1], ['z', 'b']) }));
    const v = columnHistograms(ref.columns.get('v')!, cur.columns.get('v')!, 4);
    expect(v).toEqual({ kind: 'numeric', edges: [0, 2, 4, 6, 8], reference: [2, 2, 1, 0], current: [0, 0, 1, 3] });
    expect(columnHistograms(ref.columns.get('c')!, cur.columns.get('c')!)).toEqual({ kind: 'counts', keys: ['a', 'b', 'z'], reference: [1, 2, 0], current: [0, 1, 2] });
  });
});

