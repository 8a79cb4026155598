import { isMlopsError, MlopsError } from '@mlops/errors';
import { OnnxBuildError, onnxErrorCodes } from './errors';

describe('onnx errors', () => {
  it('are MlopsErrors with their own code, no cast', () => {
    const error = new OnnxBuildError('scaler', 'input "x" is produced twice');
    expect(error).toBeInstanceOf(MlopsError);
    expect(isMlopsError(error)).toBe(true);
    expect([error.code, error.graph, error.message]).toEqual([onnxErrorCodes.build, 'scaler', 'ONNX graph "scaler": input "x" is produced twice']);
  });
});
