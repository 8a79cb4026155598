import type { ModelSignature, TensorInfo } from '@mlops/core';

/** The tensor element type of one input. */
export type FeedKind = 'float32' | 'float64' | 'int64' | 'int32' | 'bool' | 'string';

const kindOfRuntimeType: Record<string, FeedKind> = {
  float32: 'float32', float: 'float32', float64: 'float64', double: 'float64',
  int64: 'int64', int32: 'int32', bool: 'bool', string: 'string',
};
const kindOfSignatureType: Record<string, FeedKind> = { float: 'float32', double: 'float64', int: 'int64', bool: 'bool', string: 'string' };

/** One input of the model: its name, the tensor type it wants, and whether it may be missing. */
export interface FeedSpec {
  name: string;
  kind: FeedKind;
  nullable: boolean;
}

/**
 * The tensor type of each signature input, preferring what the loaded graph declares (a serving
 * ONNX usually takes every raw numeric column as float32, whatever the signature's column type).
 */
export function feedSpecs(signature: ModelSignature, modelInputs?: readonly TensorInfo[]): FeedSpec[] {
  const declared = new Map(modelInputs?.map((i) => [i.name, i.type]));
  return signature.inputs.map((c) => ({
    name: c.name,
    kind: kindOfRuntimeType[declared.get(c.name) ?? ''] ?? kindOfSignatureType[c.type] ?? 'float32',
    nullable: c.nullable === true,
  }));
}
