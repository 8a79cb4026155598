import { categoryColumn, float64Column, int32Column } from '../column/createColumn';
import { Frame } from '../frame/Frame';
import { digestFrame } from './digestFrame';

const base = (): Frame =>
  Frame.fromColumns({
    x: float64Column([1, NaN, 3], [0, 0, 1]),
    c: categoryColumn([0, 1, 0], ['a', 'b']),
  });

describe('digestFrame', () => {
  it('is a sha256 hex string, stable for equal content', () => {
    const digest = digestFrame(base());
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(digestFrame(base())).toBe(digest);
  });

  it('ignores how the data was produced: dictionary order, unused entries, NaN payloads, views', () => {
    const reordered = Frame.fromColumns({
      x: float64Column([1, NaN, 999], [0, 0, 1]),
      c: categoryColumn([2, 0, 2], ['b', 'unused', 'a']),
    });
    expect(digestFrame(reordered)).toBe(digestFrame(base()));
    const otherNaN = new Float64Array([1, 0, 3]);
    new Uint32Array(otherNaN.buffer)[3] = 0xfff80001; // a NaN with another payload and sign
    expect(digestFrame(Frame.fromColumns({ x: float64Column(otherNaN, [0, 0, 1]), c: categoryColumn([0, 1, 0], ['a', 'b']) }))).toBe(
      digestFrame(base()),
    );
    const wide = Frame.fromColumns({ x: float64Column([9, 1, NaN, 3, 9], [0, 0, 0, 1, 0]), c: categoryColumn([0, 0, 1, 0, 0], ['a', 'b']) });
    expect(digestFrame(wide.slice(1, 4))).toBe(digestFrame(base()));
    expect(digestFrame(Frame.fromRows([{ x: 1, c: 'a' }, { x: NaN, c: 'b' }, { x: null, c: 'a' }], { x: 'float64' }))).toBe(
      digestFrame(base()),
    );
  });

  it('changes with values, nulls, names, order and dtypes', () => {
    const digest = digestFrame(base());
    const variants: Frame[] = [
      Frame.fromColumns({ x: float64Column([1, NaN, 3]), c: categoryColumn([0, 1, 0], ['a', 'b']) }), // no null
      Frame.fromColumns({ x: float64Column([1, 2, 3], [0, 0, 1]), c: categoryColumn([0, 1, 0], ['a', 'b']) }), // value
      Frame.fromColumns({ x: float64Column([1, NaN, 3], [0, 1, 1]), c: categoryColumn([0, 1, 0], ['a', 'b']) }), // NaN → null
      Frame.fromColumns({ x: float64Column([1, NaN, 3], [0, 0, 1]), c: categoryColumn([0, 1, 1], ['a', 'b']) }),
      Frame.fromColumns({ x: float64Column([1, NaN, 3], [0, 0, 1]), c: categoryColumn([0, 1, 0], ['a', 'B']) }),
      Frame.fromColumns({ y: float64Column([1, NaN, 3], [0, 0, 1]), c: categoryColumn([0, 1, 0], ['a', 'b']) }), // name
      Frame.fromColumns({ c: categoryColumn([0, 1, 0], ['a', 'b']), x: float64Column([1, NaN, 3], [0, 0, 1]) }), // order
      base().take([0, 1]), // row count
    ];
    for (const variant of variants) expect(digestFrame(variant)).not.toBe(digest);
    const ints = Frame.fromColumns({ v: int32Column([1, 2]) });
    const floats = Frame.fromColumns({ v: float64Column([1, 2]) });
    expect(digestFrame(ints)).not.toBe(digestFrame(floats));
    expect(digestFrame(Frame.fromColumns({ v: float64Column([0]) }))).not.toBe(digestFrame(Frame.fromColumns({ v: float64Column([-0]) })));
  });

  it('does not confuse null strings with empty strings or split strings', () => {
    const a = Frame.fromColumns({ s: categoryColumn([0, -1], ['']) });
    const b = Frame.fromColumns({ s: categoryColumn([0, 0], ['']) });
    expect(digestFrame(a)).not.toBe(digestFrame(b));
    const ab = Frame.fromColumns({ s: categoryColumn([0, 1], ['a', 'bc']) });
    const abc = Frame.fromColumns({ s: categoryColumn([0, 1], ['ab', 'c']) });
    expect(digestFrame(ab)).not.toBe(digestFrame(abc));
  });
});
