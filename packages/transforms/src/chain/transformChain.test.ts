import { boolColumn, categoryColumn, float64Column, Frame, int32Column } from '@mlops/frame';
import { decodeModel } from '@mlops/onnx';
import { expectClose, runFeatures } from '../__fixtures__/onnxRuntime';
import { oneHotEncoder } from '../encoders/oneHotEncoder';
import { ordinalEncoder } from '../encoders/ordinalEncoder';
import { simpleImputer } from '../imputers/simpleImputer';
import { loadTransformChain } from '../loadFittedTransform';
import { minMaxScaler } from '../scalers/minMaxScaler';
import { robustScaler } from '../scalers/robustScaler';
import { standardScaler } from '../scalers/standardScaler';
import { transformChain } from './transformChain';

const N = null;

// Training data: nulls in every kind of column, an empty-string category (treated as missing).
const train = Frame.fromColumns({
  age: float64Column([25, NaN, 40, 31.5, NaN, 58, 19, 44], [0, 1, 0, 0, 1, 0, 0, 0]),
  income: int32Column([52000, 61000, 0, 48500, 75000, 39000, 0, 58250], [0, 0, 1, 0, 0, 0, 1, 0]),
  city: categoryColumn([0, 1, -1, 0, 2, 3, 1, 0], ['paris', 'london', 'tokyo', '']),
  member: boolColumn([1, 0, 1, 1, 0, 0, 1, 0]),
});

// Serving data: an unseen city, nulls again, values outside the training range.
const serve = Frame.fromRows(
  [
    { age: 30, income: 50000, city: 'paris', member: true },
    { age: N, income: N, city: 'berlin', member: false },
    { age: 70.25, income: 120000, city: N, member: N },
    { age: 18, income: 45000, city: 'tokyo', member: true },
    { age: 44, income: 58250, city: 'london', member: false },
  ],
  { age: 'float64', income: 'int32', city: 'category', member: 'bool' },
);

const chain = () =>
  transformChain([
    simpleImputer({ strategy: 'median', columns: ['age', 'income'] }),
    standardScaler({ columns: ['age', 'income'] }),
    oneHotEncoder({ handleUnknown: 'ignore' }),
  ]);

describe('transformChain', () => {
  it('fits in order and names the features in frame order', () => {
    const fitted = chain().fit(train);
    expect(fitted.featureNames()).toEqual(['age', 'income', 'city_london', 'city_paris', 'city_tokyo', 'member']);
    expect(fitted.steps.map((s) => s.kind)).toEqual(['simple-imputer', 'standard-scaler', 'one-hot-encoder']);
  });

  it('parity: the exported ONNX model computes the in-process features (imputer → scaler → one-hot)', async () => {
    const fitted = chain().fit(train);
    const expected = fitted.features(serve);
    const { data, dims } = await runFeatures(fitted.toOnnx(), 'chain-parity.onnx', fitted.onnxFeeds(serve));
    expect(dims).toEqual([serve.rowCount, expected.cols]);
    expectClose(data, expected.data, 1e-6);
    // The unseen city and the null city are all zeros; the null member stays NaN in both.
    const row = (r: number) => Array.from(expected.data.subarray(r * expected.cols, (r + 1) * expected.cols));
    expect(row(1).slice(2, 5)).toEqual([0, 0, 0]);
    expect(row(2).slice(2, 6)).toEqual([0, 0, 0, NaN]);
  });

  it('parity holds for every scaler, ordinal encoding and categorical imputation', async () => {
    const fitted = transformChain([
      simpleImputer({ strategy: 'most_frequent', columns: ['city'] }),
      robustScaler({ columns: ['age'] }),
      minMaxScaler({ columns: ['income'] }),
      ordinalEncoder({ unknownValue: -1 }),
    ]).fit(train);
    const expected = fitted.features(serve);
    const { data } = await runFeatures(fitted.toOnnx(), 'chain-parity-2.onnx', fitted.onnxFeeds(serve));
    expectClose(data, expected.data, 1e-6);
    expect(fitted.featureNames()).toEqual(['age', 'income', 'city', 'member']);
  });

  it('writes the feature names into the model metadata', () => {
    const fitted = chain().fit(train);
    const props = decodeModel(fitted.toOnnx()).metadataProps;
    expect(props.map((p) => [p.key, JSON.parse(p.value!)])).toEqual([['mlops.feature_names', fitted.featureNames()]]);
  });

  it('round-trips through JSON with identical outputs', () => {
    const fitted = chain().fit(train);
    const loaded = loadTransformChain(JSON.parse(JSON.stringify(fitted)));
    expect(loaded.toJSON()).toEqual(fitted.toJSON());
    expect(loaded.features(serve)).toEqual(fitted.features(serve));
  });

  it('keeps only the fitted input columns and accepts another numeric dtype', () => {
    const fitted = transformChain([standardScaler()], { columns: ['age', 'income'] }).fit(train);
    const extra = serve.withColumn('id', int32Column([1, 2, 3, 4, 5])).withColumn('income', float64Column([1, 2, 3, 4, 5]));
    expect(fitted.transform(extra).names).toEqual(['age', 'income']);
  });

  it('rejects a serving frame without a fitted column, naming it', () => {
    const fitted = chain().fit(train);
    expect(() => fitted.transform(serve.drop(['city']))).toThrowErrorMatchingInlineSnapshot(
      `"transform-chain: column "city" is not in the frame; it has "age", "income", "member""`,
    );
  });

  it('refuses to export a chain that leaves a category unencoded', () => {
    const fitted = transformChain([standardScaler()]).fit(train);
    expect(() => fitted.toOnnx()).toThrowErrorMatchingInlineSnapshot(
      `"transform-chain: column(s) "city" are still categories at the end of the chain; encode them (oneHotEncoder, ordinalEncoder) so every feature is a number"`,
    );
    expect(() => fitted.features(serve)).toThrow('column "city" is still category at the end of the chain');
  });

  it('fitTransform returns the transformed training frame', () => {
    const { fitted, output } = chain().fitTransform(train);
    expect(output.names).toEqual(fitted.featureNames());
    expect(output.rowCount).toBe(train.rowCount);
  });
});
