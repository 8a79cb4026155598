import { onnx } from 'onnx-proto';

/** Tensor element types this package writes, by their ONNX spec names. */
export type ElemType = 'float' | 'double' | 'int64' | 'int32' | 'int8' | 'uint8' | 'bool' | 'string';

const codes: Readonly<Record<ElemType, onnx.TensorProto.DataType>> = {
  float: onnx.TensorProto.DataType.FLOAT,
  double: onnx.TensorProto.DataType.DOUBLE,
  int64: onnx.TensorProto.DataType.INT64,
  int32: onnx.TensorProto.DataType.INT32,
  int8: onnx.TensorProto.DataType.INT8,
  uint8: onnx.TensorProto.DataType.UINT8,
  bool: onnx.TensorProto.DataType.BOOL,
  string: onnx.TensorProto.DataType.STRING,
};

/** The `TensorProto.DataType` code of an element type (e.g. `'float'` → 1), as `Cast`'s `to` wants. */
export function elemTypeCode(type: ElemType): number {
  return codes[type];
}
