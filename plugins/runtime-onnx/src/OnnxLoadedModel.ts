import * as ort from 'onnxruntime-node';
import type { LoadedModel, TensorData, TensorInfo, TensorValue } from '@mlops/core';
import { OnnxRuntimeError, onnxRuntimeErrorCodes } from './errors';
import { namedRecord, type NamedRecord } from './namedRecord';
import type { OrtFeeds, RunnableSession } from './sessions';

/** A model in an onnxruntime session: tensors in and out as plain typed arrays. */
export class OnnxLoadedModel implements LoadedModel {
  readonly inputs: readonly TensorInfo[];
  readonly outputs: readonly TensorInfo[];
  private released = false;
  /** The session's inputs as onnxruntime tensors (one missing is left undefined and named by `run`). */
  private readonly toOrtFeeds: NamedRecord<TensorValue | undefined, ort.Tensor | undefined>;
  /** The outputs as plain typed arrays and dims. */
  private readonly fromOrtOutputs: NamedRecord<ort.OnnxValue, TensorValue>;
  private readonly inputNames: readonly string[];

  constructor(private readonly session: RunnableSession) {
    this.inputs = session.inputs;
    this.outputs = session.outputs;
    this.inputNames = session.inputs.map((i) => i.name);
    this.toOrtFeeds = namedRecord(this.inputNames, toOrtTensor);
    this.fromOrtOutputs = namedRecord(
      session.outputs.map((o) => o.name),
      (_, tensor: ort.OnnxValue) => ({ data: tensor.data as TensorData, dims: tensor.dims }),
    );
  }

  /** `native` when runs call onnxruntime-node's native session directly (they settle at once), else `public`. */
  get entryPoint(): RunnableSession['kind'] {
    return this.session.kind;
  }

  /**
   * Runs the session. Not an `async` function: one promise (the `then` of the session's) between
   * the caller and onnxruntime, settled at once on the native entry point, and every failure, even a
   * feed that cannot become a tensor, is a rejection.
   */
  run(feeds: Record<string, TensorValue>): Promise<Record<string, TensorValue>> {
    if (this.released) return Promise.reject(new OnnxRuntimeError(onnxRuntimeErrorCodes.released, 'run called on a released model'));
    let ortFeeds: OrtFeeds;
    try {
      ortFeeds = this.toOrtFeeds(feeds) as OrtFeeds;
      // The native session must not see a missing input; the public one would name it the same way.
      for (const name of this.inputNames) if (ortFeeds[name] === undefined) throw new OnnxRuntimeError(onnxRuntimeErrorCodes.run, `onnxruntime run failed: input '${name}' is missing in 'feeds'.`);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.session.run(ortFeeds).then(this.fromOrtOutputs, runFailed);
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    await this.session.release();
  }
}

function runFailed(cause: unknown): never {
  throw new OnnxRuntimeError(onnxRuntimeErrorCodes.run, `onnxruntime run failed: ${(cause as Error).message}`, { cause });
}

// Read once: `ort.Tensor` is a re-export getter, called on every access.
const Tensor = ort.Tensor;

function toOrtTensor(name: string, value: TensorValue | undefined): ort.Tensor | undefined {
  if (value === undefined) return undefined;
  const { data, dims } = value;
  try {
    if (Array.isArray(data)) return new Tensor('string', data, dims);
    if (data instanceof Float32Array) return new Tensor('float32', data, dims);
    if (data instanceof Float64Array) return new Tensor('float64', data, dims);
    if (data instanceof Int32Array) return new Tensor('int32', data, dims);
    if (data instanceof BigInt64Array) return new Tensor('int64', data, dims);
    // Uint8Array carries booleans (ONNX `bool` is one byte per value).
    return new Tensor('bool', data, dims);
  } catch (cause) {
    throw new OnnxRuntimeError(onnxRuntimeErrorCodes.run, `input "${name}": ${(cause as Error).message}`, { cause });
  }
}
