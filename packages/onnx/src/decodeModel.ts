import { onnx } from 'onnx-proto';

/** Parses serialized ONNX bytes into a ModelProto (to inspect or compose a model). */
export function decodeModel(bytes: Uint8Array): onnx.ModelProto {
  return onnx.ModelProto.decode(bytes);
}
