import type { Frame } from '@mlops/frame';
import { TfjsError, tfjsErrorCodes } from '../errors';

const numericDtypes = new Set(['float64', 'int32', 'bool']);

function fail(message: string): never {
  throw new TfjsError(tfjsErrorCodes.data, message);
}

/** Names of the feature columns: every numeric or bool column except the target, in frame order. */
export function selectFeatureNames(frame: Frame, target: string): string[] {
  const names = frame.schema().filter((c) => c.name !== target && numericDtypes.has(c.dtype)).map((c) => c.name);
  if (!names.length) fail(`no numeric or bool feature columns besides the target "${target}" (columns: ${frame.names.join(', ')})`);
  return names;
}

/**
 * The named columns as a row-major `rows × features` float32 matrix (what tfjs and the ONNX
 * model see). A null or NaN is refused, naming the column: impute first (`@mlops/transforms`).
 */
export function readFeatures(frame: Frame, names: readonly string[]): Float32Array {
  const n = frame.rowCount;
  const p = names.length;
  const x = new Float32Array(n * p);
  names.forEach((name, j) => {
    if (!frame.has(name)) fail(`feature column "${name}" is missing (columns: ${frame.names.join(', ')})`);
    const col = frame.column(name);
    if (!numericDtypes.has(col.dtype)) fail(`feature column "${name}" is ${col.dtype}; a numeric or bool column is needed`);
    const data = col.data as Float64Array | Int32Array | Uint8Array;
    for (let i = 0; i < n; i++) {
      const v = col.nulls && col.nulls[i] ? NaN : data[i]!;
      if (!Number.isFinite(v)) fail(`feature column "${name}" is missing or not finite at row ${i} (${v}); impute it first (e.g. @mlops/transforms' imputer)`);
      x[i * p + j] = v;
    }
  });
  return x;
}
