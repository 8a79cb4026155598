import { onnx } from 'onnx-proto';

/** A node attribute without its name (the key in `node(..., attributes)` names it). Build with `attr`. */
export type AttributeValue = Omit<onnx.IAttributeProto, 'name'> & { type: onnx.AttributeProto.AttributeType };

const T = onnx.AttributeProto.AttributeType;
const utf8 = new TextEncoder();

function int(value: number): number {
  if (!Number.isSafeInteger(value)) throw new RangeError(`attr: ${value} is not an integer`);
  return value;
}

/**
 * Typed attribute constructors. ONNX attributes carry an explicit type, and a JS number cannot say
 * whether it is an INT or a FLOAT, so every attribute is built through one of these.
 */
export const attr = {
  /** One 32-bit float (`f`). */
  float: (value: number): AttributeValue => ({ type: T.FLOAT, f: value }),
  /** A list of 32-bit floats (`floats`). */
  floats: (values: ArrayLike<number>): AttributeValue => ({ type: T.FLOATS, floats: Array.from(values) }),
  /** One 64-bit integer (`i`). */
  int: (value: number): AttributeValue => ({ type: T.INT, i: int(value) }),
  /** A list of 64-bit integers (`ints`). */
  ints: (values: ArrayLike<number>): AttributeValue => ({ type: T.INTS, ints: Array.from(values, int) }),
  /** One UTF-8 string (`s`). */
  string: (value: string): AttributeValue => ({ type: T.STRING, s: utf8.encode(value) }),
  /** A list of UTF-8 strings (`strings`). */
  strings: (values: readonly string[]): AttributeValue => ({ type: T.STRINGS, strings: values.map((v) => utf8.encode(v)) }),
  /** One tensor (`t`), e.g. `Constant`'s `value`. */
  tensor: (value: onnx.ITensorProto): AttributeValue => ({ type: T.TENSOR, t: value }),
  /** A list of tensors (`tensors`). */
  tensors: (values: readonly onnx.ITensorProto[]): AttributeValue => ({ type: T.TENSORS, tensors: [...values] }),
} as const;
