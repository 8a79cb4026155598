import type { Column } from '../column/Column';
import { categoryColumn, float64Column, int32Column } from '../column/createColumn';
import { ColumnNotFoundError } from '../errors/errors';
import { Frame } from './Frame';
import { isFrame } from './isFrame';

const sample = (): Frame =>
  Frame.fromColumns({
    x: float64Column([1.5, NaN, 3], [0, 1, 0]),
    n: int32Column([10, 20, 30]),
    c: categoryColumn([1, 0, -1], ['lo', 'hi']),
  });

describe('Frame', () => {
  it('exposes names, rowCount, schema and rows', () => {
    const frame = sample();
    expect(frame.names).toEqual(['x', 'n', 'c']);
    expect(frame.rowCount).toBe(3);
    expect(frame.schema()).toEqual([
      { name: 'x', dtype: 'float64', nullable: true },
      { name: 'n', dtype: 'int32', nullable: false },
      { name: 'c', dtype: 'category', nullable: true },
    ]);
    expect(frame.toRows(2)).toEqual([
      { x: 1.5, n: 10, c: 'hi' },
      { x: null, n: 20, c: 'lo' },
    ]);
    expect(frame.has('n')).toBe(true);
    expect(frame.has('nope')).toBe(false);
  });

  it('names the missing column and lists the existing ones', () => {
    const frame = sample();
    expect(() => frame.column('price')).toThrow(ColumnNotFoundError);
    expect(() => frame.column('price')).toThrowErrorMatchingInlineSnapshot(
      `"column "price" not found; the frame has columns: "x", "n", "c""`,
    );
    expect(() => frame.select(['x', 'y'])).toThrow(/column "y" not found/);
    expect(() => frame.drop(['y'])).toThrow(/column "y" not found/);
  });

  it('rejects columns of different lengths', () => {
    expect(() => Frame.fromColumns({ a: int32Column([1]), b: int32Column([1, 2]) })).toThrow(
      'column "b" has 2 rows, expected 1',
    );
    expect(() => sample().withColumn('d', int32Column([1]))).toThrow('column "d" has 1 rows, expected 3');
  });

  it('selects, drops and replaces columns without copying data', () => {
    const frame = sample();
    const selected = frame.select(['c', 'x']);
    expect(selected.names).toEqual(['c', 'x']);
    expect(selected.column('x')).toBe(frame.column('x'));
    expect(frame.drop(['n']).names).toEqual(['x', 'c']);
    const replaced = frame.withColumn('n', int32Column([1, 2, 3]));
    expect(replaced.names).toEqual(['x', 'n', 'c']);
    expect(Array.from(replaced.column('n').data)).toEqual([1, 2, 3]);
    expect(frame.withColumn('z', int32Column([0, 0, 0])).names).toEqual(['x', 'n', 'c', 'z']);
    expect(Array.from(frame.column('n').data)).toEqual([10, 20, 30]);
  });

  it('takes rows by index, keeping nulls and sharing dictionaries', () => {
    const frame = sample();
    const taken = frame.take([2, 0, 0]);
    expect(taken.rowCount).toBe(3);
    expect(taken.toRows()).toEqual([
      { x: 3, n: 30, c: null },
      { x: 1.5, n: 10, c: 'hi' },
      { x: 1.5, n: 10, c: 'hi' },
    ]);
    expect(taken.column('x').nulls).toBeUndefined();
    const dictionaryOf = (column: Column): readonly string[] | undefined => (column.dtype === 'category' ? column.dictionary : undefined);
    expect(dictionaryOf(taken.column('c'))).toBe(dictionaryOf(frame.column('c')));
    expect(frame.take(new Int32Array([1])).toRows()).toEqual([{ x: null, n: 20, c: 'lo' }]);
    expect(() => frame.take([3])).toThrow('row index 3 is out of range for 3 rows');
    expect(() => frame.take([0.5])).toThrow(RangeError);
  });

  it('slices as views, with Array.slice semantics for bounds', () => {
    const frame = sample();
    const tail = frame.slice(1);
    expect(tail.rowCount).toBe(2);
    expect(tail.column('n').data.buffer).toBe(frame.column('n').data.buffer);
    expect(frame.slice(-1).toRows()).toEqual([{ x: 3, n: 30, c: null }]);
    expect(frame.slice(2, 1).rowCount).toBe(0);
    expect(frame.head(2).rowCount).toBe(2);
    expect(frame.head().rowCount).toBe(3);
  });

  it('builds from rows with a schema or by inference', () => {
    const frame = Frame.fromRows(
      [
        { a: 1, b: 'x' },
        { a: 2, c: true },
      ],
      { d: 'float64' },
    );
    expect(frame.names).toEqual(['d', 'a', 'b', 'c']);
    expect(frame.schema().map((s) => s.dtype)).toEqual(['float64', 'int32', 'category', 'bool']);
    expect(frame.toRows()).toEqual([
      { d: null, a: 1, b: 'x', c: null },
      { d: null, a: 2, b: null, c: true },
    ]);
    expect(Frame.fromRows([]).rowCount).toBe(0);
  });

  it('is immutable and branded', () => {
    const frame = sample();
    expect(Object.isFrozen(frame)).toBe(true);
    expect(() => ((frame as unknown as { rowCount: number }).rowCount = 5)).toThrow(TypeError);
    expect(isFrame(frame)).toBe(true);
    expect(isFrame({})).toBe(false);
    expect(isFrame(null)).toBe(false);
    // A Frame from another copy of the package carries the same Symbol.for brand.
    expect(isFrame({ [Symbol.for('@mlops/frame.Frame')]: true })).toBe(true);
  });
});

describe('Frame.fromRows schema', () => {
  it('rejects an unknown dtype by column name', () => {
    expect(() => Frame.fromRows([{ a: 1 }], { a: 'int64' as never })).toThrow('schema column "a": unknown dtype "int64"');
  });
});
