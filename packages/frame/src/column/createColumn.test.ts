import { boolColumn, categoryColumn, float64Column, int32Column, timestampColumn } from './createColumn';
import { columnValue, isNull, nullCount } from './columnAccess';
import { columnFromValues, inferValuesDType } from './columnFromValues';

describe('column constructors', () => {
  it('adopt typed arrays and write the canonical filler into null slots', () => {
    const data = new Float64Array([1, 2, 3]);
    const column = float64Column(data, [false, true, false]);
    expect(column.data).toBe(data);
    expect(Array.from(column.data)).toEqual([1, NaN, 3]);
    expect(Array.from(column.nulls!)).toEqual([0, 1, 0]);
    expect(column.length).toBe(3);
    expect(Object.isFrozen(column)).toBe(true);
  });

  it('drop an all-zero null mask, and keep NaN values distinct from nulls', () => {
    const column = float64Column([NaN, 1], new Uint8Array(2));
    expect(column.nulls).toBeUndefined();
    expect(isNull(column, 0)).toBe(false);
    expect(columnValue(column, 0)).toBeNaN();
  });

  it('validate int32 values and mask lengths', () => {
    expect(() => int32Column([1, 2.5])).toThrow('cannot store number 2.5 at index 1 in a int32 column');
    expect(() => int32Column([2 ** 31])).toThrow(/int32/);
    expect(() => int32Column([1, 2], [1])).toThrow('null mask has 1 entries, the column has 2');
    expect(Array.from(int32Column([7, 1.5], [0, 1]).data)).toEqual([7, 0]);
  });

  it('normalise bools to 0/1', () => {
    const column = boolColumn(new Uint8Array([0, 5, 1]), [0, 0, 1]);
    expect(Array.from(column.data)).toEqual([0, 1, 0]);
    expect([0, 1, 2].map((i) => columnValue(column, i))).toEqual([false, true, null]);
  });

  it('derive category nulls from code -1 and reject codes outside the dictionary', () => {
    const column = categoryColumn([0, -1, 1], ['a', 'b']);
    expect(Array.from(column.nulls!)).toEqual([0, 1, 0]);
    expect([0, 1, 2].map((i) => columnValue(column, i))).toEqual(['a', null, 'b']);
    expect(() => categoryColumn([2], ['a', 'b'])).toThrow('category code 2 at row 0 is outside a dictionary of 2 entries');
    const masked = categoryColumn([0, 1], ['a', 'b'], [0, 1]);
    expect(Array.from(masked.data)).toEqual([0, -1]);
  });

  it('take Dates or epoch milliseconds for timestamps', () => {
    const column = timestampColumn([new Date(Date.UTC(2024, 0, 1)), 5], [0, 0]);
    expect(Array.from(column.data)).toEqual([Date.UTC(2024, 0, 1), 5]);
    expect(columnValue(column, 1)).toEqual(new Date(5));
    expect(nullCount(column)).toBe(0);
    expect(nullCount(timestampColumn([1, 2], [1, 1]))).toBe(2);
  });
});

describe('columnFromValues', () => {
  it('infers dtypes from JS values', () => {
    expect(inferValuesDType([1, 2, null])).toBe('int32');
    expect(inferValuesDType([1, 2.5])).toBe('float64');
    expect(inferValuesDType([1, 2 ** 40])).toBe('float64');
    expect(inferValuesDType([-0])).toBe('float64');
    expect(inferValuesDType([true, undefined])).toBe('bool');
    expect(inferValuesDType([new Date(0)])).toBe('timestamp');
    expect(inferValuesDType(['a', null])).toBe('category');
    expect(inferValuesDType(['a', 1])).toBe('category');
    expect(inferValuesDType([null, undefined])).toBe('float64');
    expect(inferValuesDType([1n, 2n])).toBe('int32');
  });

  it('builds columns with nulls, and converts to an explicit dtype', () => {
    const cat = columnFromValues(['x', null, 'y', 'x']);
    expect(cat.dtype).toBe('category');
    expect(cat.dtype === 'category' && cat.dictionary).toEqual(['x', 'y']);
    expect(Array.from(cat.data)).toEqual([0, -1, 1, 0]);
    const ts = columnFromValues(['2024-01-01T00:00:00Z', 0, new Date(1), null], 'timestamp');
    expect(Array.from(ts.data)).toEqual([Date.UTC(2024, 0, 1), 0, 1, NaN]);
    expect(columnFromValues([1, 2], 'category').dtype === 'category').toBe(true);
    expect(() => columnFromValues(['1'], 'float64')).toThrow('cannot store "1" at index 0 in a float64 column');
    expect(() => columnFromValues(['not a date'], 'timestamp')).toThrow(/timestamp/);
    expect(() => columnFromValues([{}], 'category')).toThrow(/category/);
  });
});

describe('schema dtype checks', () => {
  it('name the unknown dtype and the accepted ones', () => {
    expect(() => columnFromValues([1], 'string' as never)).toThrow(
      'columnFromValues: unknown dtype "string"; expected one of float64, int32, bool, category, timestamp',
    );
  });
});
