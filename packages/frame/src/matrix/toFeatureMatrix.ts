import type { Frame } from '../frame/Frame';
import { InvalidColumnError } from '../errors/errors';

const numericDtypes = new Set(['float64', 'int32', 'bool']);

/** Names of the numeric and bool columns other than `exclude` (e.g. the target), in frame order. */
export function numericColumnNames(frame: Frame, exclude: readonly string[] = []): string[] {
  const names = frame.schema().filter((c) => !exclude.includes(c.name) && numericDtypes.has(c.dtype)).map((c) => c.name);
  if (!names.length) throw new InvalidColumnError(`no numeric or bool feature columns besides ${exclude.map((e) => `"${e}"`).join(', ') || 'none'} (columns: ${frame.names.join(', ')})`);
  return names;
}

/**
 * The named numeric/bool columns as a row-major `rows × columns` matrix of `ArrayType` (float64 for
 * solvers, float32 for what tfjs and ONNX models see). Models without a notion of missing values
 * call this: a null or non-finite value throws, naming the column and row, so it is imputed first
 * (`@mlops/transforms`) instead of silently becoming NaN inside a fit.
 */
export function toFeatureMatrix<A extends Float64Array | Float32Array>(frame: Frame, names: readonly string[], ArrayType: { new (length: number): A }): A {
  const n = frame.rowCount;
  const p = names.length;
  const x = new ArrayType(n * p);
  names.forEach((name, j) => {
    if (!frame.has(name)) throw new InvalidColumnError(`feature column "${name}" is missing (columns: ${frame.names.join(', ')})`);
    const col = frame.column(name);
    if (!numericDtypes.has(col.dtype)) throw new InvalidColumnError(`feature column "${name}" is ${col.dtype}; a numeric or bool column is needed`);
    const data = col.data as Float64Array | Int32Array | Uint8Array;
    for (let i = 0; i < n; i++) {
      const v = col.nulls && col.nulls[i] ? NaN : data[i]!;
      if (!Number.isFinite(v)) throw new InvalidColumnError(`feature column "${name}" is missing or not finite at row ${i} (${v}); impute it first (e.g. @mlops/transforms' imputer)`);
      x[i * p + j] = v;
    }
  });
  return x;
}
