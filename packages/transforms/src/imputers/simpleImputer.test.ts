import { categoryColumn, float64Column, Frame, int32Column, type CategoryColumn } from '@mlops/frame';
import { expectParity } from '../__fixtures__/onnxRuntime';
import { transformChain } from '../chain/transformChain';
import { oneHotEncoder } from '../encoders/oneHotEncoder';
import { simpleImputer } from './simpleImputer';

const strings = (column: CategoryColumn) => Array.from(column.data, (c) => (c < 0 ? null : column.dictionary[c]));

const frame = Frame.fromColumns({
  // A null and a real NaN: both are missing, as with scikit-learn's missing_values=np.nan.
  x: float64Column([1, NaN, 3, NaN, 1], [0, 1, 0, 0, 0]),
  n: int32Column([5, 1, 0, 3, 10], [0, 0, 1, 0, 0]),
  // 'a' and 'b' tie; '' counts as missing.
  city: categoryColumn([1, 0, 1, 0, 2], ['a', 'b', '']),
});

describe('simpleImputer', () => {
  it('fills numeric columns with the mean by default (nulls and NaN)', () => {
    const fitted = simpleImputer().fit(frame);
    expect(fitted.toJSON()).toEqual({ kind: 'simple-imputer', version: 1, strategy: 'mean', columns: ['x', 'n'], fill: [5 / 3, 4.75] });
    const out = fitted.transform(frame);
    expect(Array.from(out.column('x').data as Float64Array)).toEqual([1, 5 / 3, 3, 5 / 3, 1]);
    expect(out.column('x').nulls).toBeUndefined();
    expect(out.column('n').dtype).toBe('float64');
  });

  it('fills with the median as numpy does (mean of the middle two)', () => {
    // n present: 5, 1, 3, 10 → sorted 1 3 5 10 → 4.
    expect(simpleImputer({ strategy: 'median', columns: ['n'] }).fit(frame).toJSON().fill).toEqual([4]);
  });

  it('breaks most_frequent ties towards the smallest value, numbers and strings alike', () => {
    const fitted = simpleImputer({ strategy: 'most_frequent' }).fit(frame);
    expect(fitted.columns).toEqual(['x', 'n', 'city']);
    expect(fitted.toJSON().fill).toEqual([1, 1, 'a']);
    expect(strings(fitted.transform(frame).column('city') as CategoryColumn)).toEqual(['b', 'a', 'b', 'a', 'a']);
  });

  it('fills constants: 0 and "missing_value" by default, or fillValue', () => {
    const fitted = simpleImputer({ strategy: 'constant' }).fit(frame);
    expect(fitted.toJSON().fill).toEqual([0, 0, 'missing_value']);
    const city = fitted.transform(frame).column('city') as CategoryColumn;
    expect(strings(city)).toEqual(['b', 'a', 'b', 'a', 'missing_value']);
    expect(city.nulls).toBeUndefined();
    expect(simpleImputer({ strategy: 'constant', fillValue: 7 }).fit(frame).toJSON().fill).toEqual([7, 7]);
    expect(simpleImputer({ strategy: 'constant', fillValue: '?' }).fit(frame).columns).toEqual(['city']);
  });

  it('rejects strategies that do not fit the column', () => {
    expect(() => simpleImputer({ columns: ['city'] }).fit(frame)).toThrowErrorMatchingInlineSnapshot(
      `"simple-imputer: column "city" is category; expected a numeric column (float64, int32 or bool) for strategy mean"`,
    );
    expect(() => simpleImputer({ strategy: 'constant', fillValue: 1, columns: ['city'] }).fit(frame)).toThrow('with a numeric fillValue');
    expect(() => simpleImputer({ strategy: 'mean', fillValue: 1 })).toThrowErrorMatchingInlineSnapshot(
      `"simple-imputer: fillValue is only used with strategy 'constant'"`,
    );
    // @ts-expect-error: not a strategy
    expect(() => simpleImputer({ strategy: 'mode' })).toThrow("strategy must be one of mean, median, most_frequent, constant");
  });

  it('rejects a column without values', () => {
    const empty = Frame.fromColumns({ c: categoryColumn([-1, 0], ['']) });
    expect(() => simpleImputer({ strategy: 'most_frequent' }).fit(empty)).toThrowErrorMatchingInlineSnapshot(
      `"simple-imputer: column "c" has no non-missing values to compute the most frequent value from"`,
    );
  });

  it('exports Imputer (numbers) and LabelEncoder/Cast/Where (strings) that match in onnxruntime', async () => {
    const chain = transformChain([
      simpleImputer({ strategy: 'constant', fillValue: 'zzz', columns: ['city'] }),
      simpleImputer({ strategy: 'median' }),
      oneHotEncoder(),
    ]).fit(frame);
    const serve = Frame.fromRows([{ x: null, n: 2, city: null }, { x: 2.5, n: null, city: 'a' }, { x: NaN, n: 1, city: '' }], {
      x: 'float64',
      n: 'int32',
      city: 'category',
    });
    const data = await expectParity(chain, serve, 'simple-imputer.onnx');
    // Missing cities were filled with 'zzz', so its indicator is set on rows 0 and 2.
    expect(chain.featureNames()).toEqual(['x', 'n', 'city_a', 'city_b', 'city_zzz']);
    expect(Array.from(data)).toEqual([1, 2, 0, 0, 1, 2.5, 4, 1, 0, 0, 1, 1, 0, 0, 1]);
  });
});
