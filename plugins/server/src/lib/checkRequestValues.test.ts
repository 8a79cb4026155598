import { describe, expect, it } from '@jest/globals';
import { checkEntityKeys, checkRepresentable, float32Max, unrepresentable } from './checkRequestValues';

const field = (i: number, name: string) => `rows[${i}].${name}`;
const errorOf = (f: () => void) => {
  try {
    f();
    return undefined;
  } catch (err) {
    const e = err as { code: string; status: number; field: string; message: string };
    return { code: e.code, status: e.status, field: e.field, message: e.message };
  }
};

describe('checkRepresentable', () => {
  it('float32: refuses what rounds to ±Infinity, accepts up to the rounding edge', () => {
    expect(Math.fround(float32Max)).toBe(float32Max);
    // float32's max is 2^128 − 2^104; from the midpoint to 2^128 (2^128 − 2^103) on, a double rounds to Infinity.
    expect(2 ** 128 - 2 ** 104).toBe(float32Max);
    expect(unrepresentable(-float32Max, 'float32')).toBeUndefined();
    // The largest double below the midpoint still rounds to float32's max.
    expect(unrepresentable(3.4028235677973362e38, 'float32')).toBeUndefined();
    expect(unrepresentable(2 ** 128 - 2 ** 103, 'float32')).toBe("3.4028235677973366e+38 is beyond the range of the model's float32 input (±3.4028234663852886e+38)");
    expect(unrepresentable(-1e308, 'float32')).toMatch(/^-1e\+308 is beyond/);
    expect(unrepresentable(1e-300, 'float32')).toBeUndefined();
    expect(unrepresentable(1e308, 'float64')).toBeUndefined();
  });

  it('integers: refuses what would wrap', () => {
    expect([2 ** 31 - 1, -(2 ** 31), 2 ** 31, -(2 ** 31) - 1].map((v) => unrepresentable(v, 'int32') === undefined)).toEqual([true, true, false, false]);
    expect([2 ** 62, -(2 ** 63), 2 ** 63, -(2 ** 64)].map((v) => unrepresentable(v, 'int64') === undefined)).toEqual([true, true, false, false]);
  });

  it('names the first offending field with a 422 invalid_value', () => {
    const rows = [{ a: 1, b: 'x' }, { a: 1e39, b: 'y' }];
    expect(errorOf(() => checkRepresentable(rows, [{ name: 'a', kind: 'float32', nullable: false }, { name: 'b', kind: 'string', nullable: false }], field))).toEqual({
      code: 'invalid_value',
      status: 422,
      field: 'rows[1].a',
      message: "rows[1].a: 1e+39 is beyond the range of the model's float32 input (±3.4028234663852886e+38)",
    });
    expect(errorOf(() => checkRepresentable([{ a: 0, b: 'ok\ud83d' }], [{ name: 'a', kind: 'float32', nullable: false }, { name: 'b', kind: 'string', nullable: false }], field))?.field).toBe('rows[0].b');
    expect(errorOf(() => checkRepresentable(rows, [{ name: 'a', kind: 'float64', nullable: false }, { name: 'b', kind: 'string', nullable: false }], field))).toBeUndefined();
  });
});

describe('checkEntityKeys', () => {
  it('refuses lone surrogates in string keys, naming entity and key', () => {
    expect(errorOf(() => checkEntityKeys([{ id: 1, site: 'a' }, { id: 2, site: '\ud800' }]))).toEqual({
      code: 'invalid_value',
      status: 422,
      field: 'entities[1].site',
      message: 'entities[1].site: expected a well-formed string, found a lone UTF-16 surrogate at index 0 (it has no UTF-8 encoding)',
    });
    expect(errorOf(() => checkEntityKeys([{ id: '🙂' }, { id: 3 }]))).toBeUndefined();
  });
});
