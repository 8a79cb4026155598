import { onnx } from 'onnx-proto';
import { elemTypeCode, type ElemType } from './elemType';

/** Values accepted by `tensor`: numbers for numeric types, booleans or 0/1 for bool, strings for string. */
export type TensorValues = ArrayLike<number> | readonly boolean[] | readonly string[];

const utf8 = new TextEncoder();

/**
 * A constant tensor (for `initializer` or a tensor attribute), e.g. `tensor('float', [2], [1, 2])`.
 * The number of values must match the product of `dims` (`[]` is a scalar holding one value).
 */
export function tensor(type: ElemType, dims: readonly number[], values: TensorValues, name?: string): onnx.TensorProto {
  const size = dims.reduce((a, b) => a * b, 1);
  if (values.length !== size) {
    throw new RangeError(`tensor: ${values.length} values do not fill dims [${dims.join(', ')}] (${size} expected)`);
  }
  const proto = onnx.TensorProto.create({ dims: [...dims], dataType: elemTypeCode(type) });
  if (name !== undefined) proto.name = name;
  const list = Array.from(values as ArrayLike<number | boolean | string>);
  switch (type) {
    case 'string':
      proto.stringData = list.map((v) => utf8.encode(String(v)));
      break;
    case 'float':
      proto.floatData = list.map(Number);
      break;
    case 'double':
      proto.doubleData = list.map(Number);
      break;
    case 'int64':
      proto.int64Data = list.map(integer);
      break;
    default:
      // int32, int8, uint8 and bool all travel in int32_data (ONNX spec, TensorProto).
      proto.int32Data = list.map(integer);
  }
  return proto;
}

function integer(value: number | boolean | string): number {
  const n = typeof value === 'boolean' ? Number(value) : Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`tensor: ${String(value)} is not an integer`);
  return n;
}
