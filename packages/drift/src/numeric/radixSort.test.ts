import { sortFloat64 } from './radixSort';

describe('sortFloat64', () => {
  it('orders exactly like Float64Array.prototype.sort, including −0, ±Infinity, subnormals and 1e308', () => {
    const specials = [0, -0, Infinity, -Infinity, 5e-324, -5e-324, 1.7976931348623157e308, -1.7976931348623157e308, 1e300, -1e-300, 3, -3];
    let seed = 12345;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (const make of [() => specials[Math.floor(next() * specials.length)], () => (next() - 0.5) * 1e6, () => 1 + next() * 1e-9, () => Math.round(next() * 4)]) {
      const values = Float64Array.from({ length: 20_000 }, make);
      const expected = Float64Array.from(values).sort();
      sortFloat64(values);
      expect(Array.from(values).map((v) => Object.is(v, -0) ? '-0' : v)).toEqual(Array.from(expected).map((v) => Object.is(v, -0) ? '-0' : v));
    }
  });

  it('sorts a subarray in place without touching its neighbours', () => {
    const buffer = Float64Array.from({ length: 10_000 }, (_, i) => (i * 7919) % 10_007);
    const before = buffer[99];
    const view = buffer.subarray(100, 9_000);
    const expected = Float64Array.from(view).sort();
    sortFloat64(view);
    expect(Array.from(view)).toEqual(Array.from(expected));
    expect(buffer[99]).toBe(before);
  });
});
