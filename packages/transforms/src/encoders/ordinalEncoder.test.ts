import { categoryColumn, Frame } from '@mlops/frame';
import { expectParity } from '../__fixtures__/onnxRuntime';
import { transformChain } from '../chain/transformChain';
import { loadFittedTransform } from '../loadFittedTransform';
import { ordinalEncoder } from './ordinalEncoder';

const frame = Frame.fromColumns({ grade: categoryColumn([2, 0, 1, -1, 3, 0], ['low', 'mid', 'high', '']) });
const codes = (f: Frame) => Array.from(f.column('grade').data as Float64Array);

describe('ordinalEncoder', () => {
  it('codes sorted categories as floats; missing becomes null (NaN)', () => {
    const fitted = ordinalEncoder().fit(frame);
    expect(fitted.toJSON()).toEqual({
      kind: 'ordinal-encoder',
      version: 1,
      columns: ['grade'],
      categories: [['high', 'low', 'mid']],
      handleUnknown: 'error',
      unknownValue: null,
    });
    const out = fitted.transform(frame);
    expect(codes(out)).toEqual([0, 1, 2, NaN, NaN, 1]);
    expect(Array.from(out.column('grade').nulls!)).toEqual([0, 0, 0, 1, 1, 0]);
  });

  it('codes unknown categories with unknownValue, or throws without it', () => {
    const serve = Frame.fromColumns({ grade: categoryColumn([0, 1], ['mid', 'extreme']) });
    expect(codes(ordinalEncoder({ unknownValue: -1 }).fit(frame).transform(serve))).toEqual([2, -1]);
    expect(() => ordinalEncoder().fit(frame).transform(serve)).toThrowErrorMatchingInlineSnapshot(
      `"ordinal-encoder: column "grade": unknown category "extreme" at row 1; fit with unknownValue (e.g. -1) to encode unknowns"`,
    );
  });

  it('keeps a NaN unknownValue through JSON (as null)', () => {
    const fitted = ordinalEncoder({ unknownValue: NaN }).fit(frame);
    const data = JSON.parse(JSON.stringify(fitted));
    expect(data).toMatchObject({ handleUnknown: 'use_encoded_value', unknownValue: null });
    const serve = Frame.fromColumns({ grade: categoryColumn([0], ['extreme']) });
    expect(codes(loadFittedTransform(data).transform(serve))).toEqual([NaN]);
  });

  it('refuses an unknownValue that is already a category code', () => {
    expect(() => ordinalEncoder({ unknownValue: 1 }).fit(frame)).toThrowErrorMatchingInlineSnapshot(
      `"ordinal-encoder: unknownValue 1 is already the code of category "low" in column "grade""`,
    );
  });

  it('exports a LabelEncoder that matches in onnxruntime', async () => {
    const serve = Frame.fromColumns({ grade: categoryColumn([0, 1, 2, -1, 3], ['mid', 'extreme', 'high', '']) });
    const data = await expectParity(transformChain([ordinalEncoder({ unknownValue: -1 })]).fit(frame), serve, 'ordinal-encoder.onnx');
    expect(Array.from(data)).toEqual([2, -1, 0, NaN, NaN]);
  });
});
