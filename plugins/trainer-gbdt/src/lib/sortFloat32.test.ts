import { mulberry32 as createRng } from '@mlops/eval';
import { sortFloat32 } from './sortFloat32';

describe('sortFloat32', () => {
  it('orders like Float32Array.prototype.sort, including ±0, ±Infinity, subnormals and duplicates', () => {
    const rng = createRng(1);
    const special = [0, -0, Infinity, -Infinity, 1e-45, -1e-45, 3.4028234663852886e38, -3.4028234663852886e38, 1, 1, -1];
    for (const n of [0, 1, 2, 11, 5000]) {
      const values = Float32Array.from({ length: n }, (_, i) => (i < special.length ? special[i]! : (rng() - 0.5) * 10 ** Math.floor(rng() * 20 - 10)));
      const expected = values.slice().sort();
      const sorted = sortFloat32(values);
      expect(sorted).toBe(values);
      expect(Array.from(sorted, (v) => Object.is(v, -0) ? '-0' : String(v))).toEqual(Array.from(expected, (v) => (Object.is(v, -0) ? '-0' : String(v))));
    }
  });
});
