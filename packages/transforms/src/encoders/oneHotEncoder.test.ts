import { categoryColumn, float64Column, Frame } from '@mlops/frame';
import { expectParity, runFeatures } from '../__fixtures__/onnxRuntime';
import { transformChain } from '../chain/transformChain';
import { oneHotEncoder } from './oneHotEncoder';

const values = (frame: Frame, name: string) => Array.from(frame.column(name).data as Float64Array);

// Dictionary order is not category order; '' and null are missing.
const frame = Frame.fromColumns({
  id: float64Column([1, 2, 3, 4, 5]),
  color: categoryColumn([0, 1, 2, -1, 3], ['red', 'blue', 'green', '']),
  size: categoryColumn([0, 0, 1, 1, 0], ['S', 'M']),
});

describe('oneHotEncoder', () => {
  it('sorts categories and replaces each column by c_<category> indicators in place', () => {
    const fitted = oneHotEncoder().fit(frame);
    expect(fitted.toJSON()).toEqual({
      kind: 'one-hot-encoder',
      version: 1,
      columns: ['color', 'size'],
      categories: [['blue', 'green', 'red'], ['M', 'S']],
      handleUnknown: 'error',
    });
    const out = fitted.transform(frame);
    expect(out.names).toEqual(['id', 'color_blue', 'color_green', 'color_red', 'size_M', 'size_S']);
    expect(values(out, 'color_red')).toEqual([1, 0, 0, 0, 0]);
    expect(values(out, 'color_blue')).toEqual([0, 1, 0, 0, 0]);
    // Rows 3 (null) and 4 ('') are missing: all zeros.
    expect(values(out, 'color_green')).toEqual([0, 0, 1, 0, 0]);
  });

  it('sorts by code point like Python, not by UTF-16 unit like Array.prototype.sort', () => {
    const odd = Frame.fromColumns({ c: categoryColumn([0, 1, 2, 3, 4], ['b', 'a', 'B', '😀', '\uE000']) });
    expect(oneHotEncoder().fit(odd).toJSON().categories).toEqual([['B', 'a', 'b', '\uE000', '😀']]);
  });

  it("throws on an unknown category by default, naming column, value and row", () => {
    const serve = Frame.fromColumns({ id: float64Column([1, 2]), color: categoryColumn([0, 1], ['red', 'purple']), size: categoryColumn([0, 0], ['S']) });
    expect(() => oneHotEncoder().fit(frame).transform(serve)).toThrowErrorMatchingInlineSnapshot(
      `"one-hot-encoder: column "color": unknown category "purple" at row 1 (fitted categories: "blue", "green", "red"); fit with handleUnknown: 'ignore' to encode unknowns as zeros"`,
    );
  });

  it("encodes an unknown category as zeros with handleUnknown 'ignore'", () => {
    const serve = Frame.fromColumns({ id: float64Column([1]), color: categoryColumn([0], ['purple']), size: categoryColumn([0], ['S']) });
    const out = oneHotEncoder({ handleUnknown: 'ignore' }).fit(frame).transform(serve);
    expect(['color_blue', 'color_green', 'color_red'].map((n) => values(out, n)[0])).toEqual([0, 0, 0]);
  });

  it('refuses an indicator name that clashes with another column', () => {
    const clash = frame.withColumn('size_M', float64Column([0, 0, 0, 0, 0]));
    expect(() => oneHotEncoder({ columns: ['size'] }).fit(clash)).toThrowErrorMatchingInlineSnapshot(
      `"one-hot-encoder: output column "size_M" (from column "size") clashes with a column already in the frame"`,
    );
  });

  it('exports OneHotEncoder + Flatten that match in onnxruntime, both modes', async () => {
    const serve = Frame.fromColumns({ id: float64Column([7, 8, 9]), color: categoryColumn([0, -1, 1], ['green', 'red']), size: categoryColumn([0, 1, 0], ['S', '']) });
    await expectParity(transformChain([oneHotEncoder()]).fit(frame), serve, 'one-hot-error.onnx');
    await expectParity(transformChain([oneHotEncoder({ handleUnknown: 'ignore' })]).fit(frame), serve, 'one-hot-ignore.onnx');
  });

  it("fails in onnxruntime too on an unknown category with handleUnknown 'error'", async () => {
    const chain = transformChain([oneHotEncoder()]).fit(frame);
    const serve = Frame.fromColumns({ id: float64Column([1]), color: categoryColumn([0], ['purple']), size: categoryColumn([0], ['S']) });
    await expect(runFeatures(chain.toOnnx(), 'one-hot-unknown.onnx', chain.onnxFeeds(serve))).rejects.toThrow('Unknown Category and zeros = 0');
  });
});
