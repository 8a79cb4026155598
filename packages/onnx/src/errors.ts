import { MlopsError } from '@mlops/errors';

/** Error codes raised by @mlops/onnx, `E_` prefixed like every mlops code. */
export const onnxErrorCodes = {
  build: 'E_ONNX_BUILD',
  compose: 'E_ONNX_COMPOSE',
} as const;

/** One of the codes above. */
export type OnnxErrorCode = (typeof onnxErrorCodes)[keyof typeof onnxErrorCodes];

/** Errors of this package: an MlopsError whose `code` is one of `onnxErrorCodes`. */
export class OnnxError extends MlopsError<OnnxErrorCode> {}

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
