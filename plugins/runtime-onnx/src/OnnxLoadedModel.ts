import * as ort from 'onnxruntime-node';
import type { LoadedModel, TensorData, TensorInfo, TensorValue } from '@mlops/core';
import { OnnxRuntimeError, onnxRuntimeErrorCodes } from './errors';
import { namedRecord, type NamedRecord } from './namedRecord';

/** A model in an `ort.InferenceSession`: tensors in and out as plain typed arrays. */
export class OnnxLoadedModel implements LoadedModel {
  readonly inputs: readonly TensorInfo[];
  readonly outputs: readonly TensorInfo[];
  private released = false;
  /** The session's inputs as onnxruntime tensors (one missing is left undefined: onnxruntime names it). */
  private readonly toOrtFeeds: NamedRecord<TensorValue | undefined, ort.Tensor | undefined>;
  /** The outputs as plain typed arrays and dims. */
  private readonly fromOrtOutputs: NamedRecord<ort.OnnxValue, TensorValue>;

  constructor(private readonly session: ort.InferenceSession) {
    this.inputs = session.inputMetadata.map(tensorInfo);
    this.outputs = session.outputMetadata.map(tensorInfo);
    this.toOrtFeeds = namedRecord(session.inputNames, toOrtTensor);
    this.fromOrtOutputs = namedRecord(session.outputNames, (_, tensor: ort.OnnxValue) => ({ data: tensor.data as TensorData, dims: tensor.dims }));
  }

  /**
   * Runs the session. Not an `async` function: one promise (the `then` of onnxruntime's) between
   * the caller and onnxruntime, and every failure, even a feed that cannot become a tensor, is a
   * rejection.
   */
  run(feeds: Record<string, TensorValue>): Promise<Record<string, TensorValue>> {
    if (this.released) return Promise.reject(new OnnxRuntimeError(onnxRuntimeErrorCodes.released, 'run called on a released model'));
    let ortFeeds: Record<string, ort.Tensor>;
    try {
      ortFeeds = this.toOrtFeeds(feeds) as Record<string, ort.Tensor>;
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

function tensorInfo(meta: ort.InferenceSession.ValueMetadata): TensorInfo {
  if (!meta.isTensor) return { name: meta.name, type: 'non-tensor', dims: [] };
  return { name: meta.name, type: meta.type, dims: meta.shape.map((d) => (typeof d === 'number' && d >= 0 ? d : null)) };
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
