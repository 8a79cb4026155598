import * as ort from 'onnxruntime-node';
import type { LoadedModel, TensorData, TensorInfo, TensorValue } from '@mlops/core';
import { OnnxRuntimeError, onnxRuntimeErrorCodes } from './errors';

/** A model in an `ort.InferenceSession`: tensors in and out as plain typed arrays. */
export class OnnxLoadedModel implements LoadedModel {
  readonly inputs: readonly TensorInfo[];
  readonly outputs: readonly TensorInfo[];
  private released = false;

  constructor(private readonly session: ort.InferenceSession) {
    this.inputs = session.inputMetadata.map(tensorInfo);
    this.outputs = session.outputMetadata.map(tensorInfo);
  }

  async run(feeds: Record<string, TensorValue>): Promise<Record<string, TensorValue>> {
    if (this.released) throw new OnnxRuntimeError(onnxRuntimeErrorCodes.released, 'run called on a released model');
    // for-in, not Object.entries: no array of pairs per call (a one-row /predict is a few hundred thousand instructions).
    const ortFeeds: Record<string, ort.Tensor> = {};
    for (const name in feeds) ortFeeds[name] = toOrtTensor(name, feeds[name]!);
    let out: ort.InferenceSession.ReturnType;
    try {
      out = await this.session.run(ortFeeds);
    } catch (cause) {
      throw new OnnxRuntimeError(onnxRuntimeErrorCodes.run, `onnxruntime run failed: ${(cause as Error).message}`, { cause });
    }
    const result: Record<string, TensorValue> = {};
    for (const name in out) {
      const tensor = out[name]!;
      result[name] = { data: tensor.data as TensorData, dims: tensor.dims };
    }
    return result;
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

function toOrtTensor(name: string, value: TensorValue): ort.Tensor {
  const { data, dims } = value;
  try {
    if (Array.isArray(data)) return new ort.Tensor('string', data, dims);
    if (data instanceof Float32Array) return new ort.Tensor('float32', data, dims);
    if (data instanceof Float64Array) return new ort.Tensor('float64', data, dims);
    if (data instanceof Int32Array) return new ort.Tensor('int32', data, dims);
    if (data instanceof BigInt64Array) return new ort.Tensor('int64', data, dims);
    // Uint8Array carries booleans (ONNX `bool` is one byte per value).
    return new ort.Tensor('bool', data, dims);
  } catch (cause) {
    throw new OnnxRuntimeError(onnxRuntimeErrorCodes.run, `input "${name}": ${(cause as Error).message}`, { cause });
  }
}
