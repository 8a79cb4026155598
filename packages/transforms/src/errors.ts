import { MlopsError, type MlopsErrorData } from '@mlops/errors';

/** Error codes raised by @mlops/transforms, `E_` prefixed like every mlops code. */
export const transformErrorCodes = {
  config: 'E_TRANSFORM_CONFIG',
  fit: 'E_TRANSFORM_FIT',
  apply: 'E_TRANSFORM_APPLY',
  data: 'E_TRANSFORM_DATA',
  onnxExport: 'E_TRANSFORM_ONNX_EXPORT',
} as const;

/** One of the codes above. */
export type TransformErrorCode = (typeof transformErrorCodes)[keyof typeof transformErrorCodes];

/** Errors of this package: an MlopsError that also names the transform it concerns. */
export class TransformError extends MlopsError<TransformErrorCode> {
  constructor(
    code: TransformErrorCode,
    /** Name of the transform (e.g. `standard-scaler`, or a user transform's name). */
    readonly transform: string,
    message: string,
    data?: MlopsErrorData,
  ) {
    super(code, `${transform}: ${message}`, data);
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), transform: this.transform };
  }
}

/** The options given to a transform factory are invalid. */
export class TransformConfigError extends TransformError {
  constructor(transform: string, message: string) {
    super(transformErrorCodes.config, transform, message);
  }
}

/** A transform cannot be fitted on the frame it was given (missing column, wrong dtype, no values). */
export class TransformFitError extends TransformError {
  constructor(transform: string, message: string, options?: { cause?: unknown }) {
    super(transformErrorCodes.fit, transform, message, options);
  }
}

/** A fitted transform cannot be applied to a frame (missing column, unknown category...). */
export class TransformApplyError extends TransformError {
  constructor(transform: string, message: string, options?: { cause?: unknown }) {
    super(transformErrorCodes.apply, transform, message, options);
  }
}

/** Serialized transform data cannot be loaded (unknown kind or version, malformed field). */
export class TransformDataError extends TransformError {
  constructor(transform: string, message: string) {
    super(transformErrorCodes.data, transform, message);
  }
}

/** A transform cannot be exported as ONNX (no `onnx` function, a type ONNX inputs cannot carry). */
export class OnnxExportError extends TransformError {
  constructor(transform: string, message: string, options?: { cause?: unknown }) {
    super(transformErrorCodes.onnxExport, transform, message, options);
  }
}
