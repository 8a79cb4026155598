import type { Frame } from '@mlops/frame';
import { GbdtError, gbdtErrorCodes } from '../errors';

const numericDtypes = new Set(['float64', 'int32', 'bool']);

/** Names of the feature columns: every numeric or bool column except the target, in frame order. */
export function selectFeatureNames(frame: Frame, target: string): string[] {
  const names = frame.schema().filter((c) => c.name !== target && numericDtypes.has(c.dtype)).map((c) => c.name);
  if (!names.length) throw new GbdtError(gbdtErrorCodes.data, `no numeric or bool feature columns besides the target "${target}" (columns: ${frame.names.join(', ')})`);
  return names;
}

/**
 * The named columns as float32 arrays with NaN for missing values. Float32 because the ONNX
 * model sees float32 inputs: comparing the same float32 values against the same float32
 * thresholds makes in-process and onnxruntime predictions take the same branches.
 */
export function readFeatures(frame: Frame, names: readonly string[]): Float32Array[] {
  return names.map((name) => {
    if (!frame.has(name)) throw new GbdtError(gbdtErrorCodes.data, `feature column "${name}" is missing (columns: ${frame.names.join(', ')})`);
    const col = frame.column(name);
    if (!numericDtypes.has(col.dtype)) throw new GbdtError(gbdtErrorCodes.data, `feature column "${name}" is ${col.dtype}; a numeric or bool column is needed`);
    const out = new Float32Array(col.length);
    const data = col.data as Float64Array | Int32Array | Uint8Array;
    const nulls = col.nulls;
    for (let i = 0; i < out.length; i++) out[i] = nulls && nulls[i] ? NaN : data[i]!;
    return out;
  });
}
