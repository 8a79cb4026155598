/** Options of `GraphBuilder.toModel` / `createModel`; every field has a default. */
export interface ModelOptions {
  /** Operator set version per domain (`''` is the default ONNX domain). */
  readonly opsets?: Readonly<Record<string, number>>;
  /** ModelProto.ir_version. */
  readonly irVersion?: number;
  readonly producerName?: string;
  readonly producerVersion?: string;
  readonly docString?: string;
  /** Free-form key/value pairs stored as `metadata_props`. */
  readonly metadata?: Readonly<Record<string, string>>;
}

/**
 * Opsets written by default. Default domain 15 and ai.onnx.ml 3 are understood by both Debian's
 * onnx 1.12 checker (up to opset 17 / ml 3) and onnxruntime 1.30, and ml 3 is the first with
 * TreeEnsembleClassifier-3 (double-precision attributes).
 */
export const defaultOpsets: Readonly<Record<string, number>> = Object.freeze({ '': 15, 'ai.onnx.ml': 3 });

/** IR version written by default: onnx 1.12's checker accepts IR ≤ 8. */
export const defaultIrVersion = 8;
