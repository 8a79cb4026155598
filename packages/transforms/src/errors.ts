/** Error codes raised by @mlops/transforms; `E_` prefixed so core's `isMlopsError` recognises them. */
export const transformErrorCodes = {
  config: 'E_TRANSFORM_CONFIG',
  fit: 'E_TRANSFORM_FIT',
  apply: 'E_TRANSFORM_APPLY',
  data: 'E_TRANSFORM_DATA',
  onnxExport: 'E_TRANSFORM_ONNX_EXPORT',
} as const;

/** One of the codes above. */
export type TransformErrorCode = (typeof transformErrorCodes)[keyof typeof transformErrorCodes];

/** Base of every error this package throws: the transform it concerns, a stable `code`, `cause` kept. */
export class TransformError extends Error {
  readonly code: TransformErrorCode;

  constructor(
    code: TransformErrorCode,
    /** Name of the transform (e.g. `standard-scaler`, or a user transform's name). */
    readonly transform: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${transform}: ${message}`, options);
    this.name = new.target.name;
    this.code = code;
  }

  /** Plain data for `--json` output. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, transform: this.transform, message: this.message };
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
