import { MlopsError } from '@mlops/core';

/** Codes of this plugin's errors. */
export const onnxRuntimeErrorCodes = {
  load: 'E_ONNX_RUNTIME_LOAD',
  run: 'E_ONNX_RUNTIME_RUN',
  released: 'E_ONNX_RUNTIME_RELEASED',
} as const;

export type OnnxRuntimeErrorCode = (typeof onnxRuntimeErrorCodes)[keyof typeof onnxRuntimeErrorCodes];

/** A model that onnxruntime cannot load, a failed run, or a run on a released model. */
export class OnnxRuntimeError extends MlopsError<OnnxRuntimeErrorCode> {}
