import { onnx } from 'onnx-proto';
import { tensor } from './tensor';

describe('tensor', () => {
  it('stores each element type in its field', () => {
    expect(tensor('float', [2], [1.5, 2]).floatData).toEqual([1.5, 2]);
    expect(tensor('double', [1], [0.1]).doubleData).toEqual([0.1]);
    expect(tensor('int64', [2], [1, -2]).int64Data).toEqual([1, -2]);
    expect(tensor('bool', [2], [true, false]).int32Data).toEqual([1, 0]);
    const s = tensor('string', [1, 2], ['é', 'b']);
    expect(s.dataType).toBe(onnx.TensorProto.DataType.STRING);
    expect(s.stringData.map((b) => Buffer.from(b).toString('utf8'))).toEqual(['é', 'b']);
    expect(s.dims).toEqual([1, 2]);
  });

  it('treats empty dims as a scalar of one value', () => {
    expect(tensor('int64', [], [3]).int64Data).toEqual([3]);
  });

  it('rejects a value count that does not fill the dims', () => {
    expect(() => tensor('float', [2, 2], [1, 2, 3])).toThrowErrorMatchingInlineSnapshot(
      `"tensor: 3 values do not fill dims [2, 2] (4 expected)"`,
    );
  });

  it('rejects non-integers in integer tensors', () => {
    expect(() => tensor('int64', [1], [1.5])).toThrow('1.5 is not an integer');
  });
});
