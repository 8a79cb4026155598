import type { Lifecycle } from '../plugins/Lifecycle';

/** One input of a batch, column-wise: `rows` values (× the trailing dims of the input). */
export type TensorData = Float32Array | Float64Array | Int32Array | BigInt64Array | Uint8Array | string[];

export interface TensorValue {
  data: TensorData;
  /** e.g. `[rows, 1]` for one column, `[rows, 2]` for two-class probabilities. */
  dims: readonly number[];
}

/** What a runtime knows about a loaded model's graph. */
export interface TensorInfo {
  name: string;
  /** `float32`, `float64`, `int64`, `string`, `bool`, … as the runtime names it. */
  type: string;
  /** `null` for a dynamic dimension (the batch). */
  dims: readonly (number | null)[];
}

/** A model loaded into a runtime, ready to run batches; `release` frees native memory. */
export interface LoadedModel {
  readonly inputs: readonly TensorInfo[];
  readonly outputs: readonly TensorInfo[];
  run(feeds: Record<string, TensorValue>): Promise<Record<string, TensorValue>>;
  release(): Promise<void>;
}

/** Executes serialized models (ONNX bytes, a tfjs model): the server and batch inference use it. */
export interface ModelRuntime extends Lifecycle {
  /** e.g. `onnxruntime-node`, `tfjs-wasm`. */
  readonly name: string;
  /**
   * The key of a registered version's `artifacts` this runtime loads (default `onnx`); a tfjs
   * runtime reads `tfjs`. A version may carry several, one per runtime.
   */
  readonly artifactKey?: string;
  load(model: Uint8Array): Promise<LoadedModel>;
}
