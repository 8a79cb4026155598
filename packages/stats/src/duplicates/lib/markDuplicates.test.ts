import { categoryColumn, float64Column } from '@mlops/frame';
import { hashRows } from './hashRows';
import { markDuplicates } from './markDuplicates';
import { rowEquality } from './rowEquality';

describe('markDuplicates', () => {
  it('resolves colliding hashes by comparing values', () => {
    // Every row gets the same hash in both lanes, so every probe collides; only values decide.
    const columns = [float64Column([1, 2, 1, 3, 2, NaN, NaN]), categoryColumn([0, 0, 0, 1, 0, -1, -1], ['p', 'q'])];
    const collide = { a: new Int32Array(7), b: new Int32Array(7) };
    const equal = rowEquality(columns);
    expect(Array.from(markDuplicates(collide, equal, 'first'))).toEqual([0, 0, 1, 0, 1, 0, 1]);
    expect(Array.from(markDuplicates(collide, equal, 'last'))).toEqual([1, 1, 0, 0, 0, 1, 0]);
    expect(Array.from(markDuplicates(hashRows(columns, 7), equal, 'first'))).toEqual([0, 0, 1, 0, 1, 0, 1]);
  });
});

describe('hashRows', () => {
  it('hashes values pandas treats as equal alike: NaN payloads, -0 and 0, repeated dictionary strings', () => {
    const otherNaN = new Float64Array(new Uint32Array([1, 0x7ff00000]).buffer)[0];
    expect(otherNaN).toBeNaN();
    const { a, b } = hashRows([float64Column([NaN, otherNaN, -0, 0]), categoryColumn([0, 2, 1, 1], ['s', 't', 's'])], 4);
    expect([a[0], b[0]]).toEqual([a[1], b[1]]);
    expect([a[2], b[2]]).toEqual([a[3], b[3]]);
    expect(a[0]).not.toBe(a[2]);
  });
});
