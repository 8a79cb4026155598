import { onnx } from 'onnx-proto';
import { elemTypeCode, type ElemType } from './elemType';

/**
 * One dimension of a declared shape: a number is fixed, a string is a symbolic name shared by
 * tensors of the same extent (e.g. `'N'` for the batch), `null` is unknown.
 */
export type Dim = number | string | null;

/** A `ValueInfoProto` declaring a tensor's name, element type and shape. */
export function valueInfo(name: string, type: ElemType, shape: readonly Dim[]): onnx.ValueInfoProto {
  const dim = shape.map((d) =>
    typeof d === 'number' ? { dimValue: d } : typeof d === 'string' ? { dimParam: d } : {},
  );
  return onnx.ValueInfoProto.create({
    name,
    type: { tensorType: { elemType: elemTypeCode(type), shape: { dim } } },
  });
}
