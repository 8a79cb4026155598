import { float64Column, Frame } from '@mlops/frame';
import { loadFittedTransform, loadTransformChain } from './loadFittedTransform';
import { standardScaler } from './scalers/standardScaler';

const frame = Frame.fromColumns({ x: float64Column([1, 2, 3]) });

describe('loadFittedTransform', () => {
  it('rebuilds a transform that gives identical outputs', () => {
    const fitted = standardScaler().fit(frame);
    const loaded = loadFittedTransform(JSON.parse(JSON.stringify(fitted.toJSON())));
    expect(loaded.transform(frame).column('x')).toEqual(fitted.transform(frame).column('x'));
  });

  it('rejects an unknown kind, listing the known ones', () => {
    expect(() => loadFittedTransform({ kind: 'pca', version: 1 })).toThrowErrorMatchingInlineSnapshot(
      `"loadFittedTransform: unknown transform kind "pca"; known kinds: "standard-scaler", "min-max-scaler", "robust-scaler", "simple-imputer", "one-hot-encoder", "ordinal-encoder", "user", "transform-chain""`,
    );
  });

  it('rejects a version this build does not read', () => {
    expect(() => loadFittedTransform({ kind: 'standard-scaler', version: 2, columns: [] })).toThrowErrorMatchingInlineSnapshot(
      `"standard-scaler: "standard-scaler" data has version 2; this build reads version 1 (written by a newer @mlops/transforms?)"`,
    );
  });

  it('names a malformed field', () => {
    expect(() => loadFittedTransform({ kind: 'standard-scaler', version: 1, columns: ['x', 'y'], mean: [1], scale: [1, 1] })).toThrowErrorMatchingInlineSnapshot(
      `"standard-scaler: field "mean": expected an array of 2 numbers, received [1]"`,
    );
    expect(() => loadFittedTransform('nope')).toThrow('expected an object with kind and version');
  });

  it('loadTransformChain refuses a single transform', () => {
    expect(() => loadTransformChain(standardScaler().fit(frame).toJSON())).toThrowErrorMatchingInlineSnapshot(
      `"loadTransformChain: expected data of kind "transform-chain", received kind "standard-scaler""`,
    );
  });
});
