import { timeOrder } from './timeOrder';

function reference(n: number, entity?: Float64Array, time?: Float64Array): number[] {
  const key = (v: number) => (Number.isNaN(v) ? Infinity : v);
  const nanLast = (a: number, b: number) => (Number.isNaN(a) ? (Number.isNaN(b) ? 0 : 1) : Number.isNaN(b) ? -1 : key(a) - key(b));
  return Array.from({ length: n }, (_, i) => i).sort((a, b) => (entity ? nanLast(entity[a], entity[b]) : 0) || (time ? nanLast(time[a], time[b]) : 0) || a - b);
}

describe('timeOrder', () => {
  it('sorts by entity, then time, then position, with nulls (NaN) last', () => {
    const entity = Float64Array.from([1, 0, 1, NaN, 0, 1]);
    const time = Float64Array.from([5, 3, NaN, 1, 3, 2]);
    expect(Array.from(timeOrder(6, entity, time))).toEqual([1, 4, 5, 0, 2, 3]);
    expect(Array.from(timeOrder(6, undefined, time))).toEqual([3, 5, 1, 4, 0, 2]);
    expect(Array.from(timeOrder(6, entity))).toEqual([1, 4, 0, 2, 5, 3]);
    expect(Array.from(timeOrder(3))).toEqual([0, 1, 2]);
  });

  it('matches a reference sort on random data of many sizes', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (const n of [0, 1, 2, 3, 17, 64, 100, 1000, 4097]) {
      const entity = Float64Array.from({ length: n }, () => (random() < 0.05 ? NaN : Math.floor(random() * 5)));
      const time = Float64Array.from({ length: n }, () => (random() < 0.05 ? NaN : Math.floor(random() * 50)));
      expect(Array.from(timeOrder(n, entity, time))).toEqual(reference(n, entity, time));
      expect(Array.from(timeOrder(n, undefined, time))).toEqual(reference(n, undefined, time));
    }
  });
});
