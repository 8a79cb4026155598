/** Error codes raised by @mlops/onnx; `E_` prefixed so core's `isMlopsError` recognises them. */
export const onnxErrorCodes = {
  build: 'E_ONNX_BUILD',
  compose: 'E_ONNX_COMPOSE',
} as const;

/** One of the codes above. */
export type OnnxErrorCode = (typeof onnxErrorCodes)[keyof typeof onnxErrorCodes];

/** Base of every error this package throws: a stable `code`, a one-line message, `cause` kept. */
export class OnnxError extends Error {
  readonly code: OnnxErrorCode;

  constructor(code: OnnxErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }

  /** Plain data for `--json` output. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, message: this.message };
  }
}

/** A graph was wired inconsistently: a name used twice, an input nobody produces, a missing opset. */
export class OnnxBuildError extends OnnxError {
  constructor(
    /** The graph being built. */
    readonly graph: string,
    message: string,
  ) {
    super(onnxErrorCodes.build, `ONNX graph ${JSON.stringify(graph)}: ${message}`);
  }
}

/** Two models cannot be composed (opset or IR mismatch, unknown connection, name clash). */
export class OnnxComposeError extends OnnxError {
  constructor(message: string) {
    super(onnxErrorCodes.compose, `composeModels: ${message}`);
  }
}
