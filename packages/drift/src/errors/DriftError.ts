import { MlopsError, type MlopsErrorData } from '@mlops/errors';
import { driftErrorCodes, type DriftErrorCode } from './codes';

/** Errors of this package: an MlopsError whose `code` is one of `driftErrorCodes`. */
export class DriftError extends MlopsError<DriftErrorCode> {}

/** An argument is out of its domain: `path` names it, `expected`/`received` say how. */
export function invalidArgument(path: string, expected: string, received: unknown): DriftError {
  const shown = typeof received === 'string' ? JSON.stringify(received) : String(received);
  return new DriftError(driftErrorCodes.invalidArgument, `${path}: expected ${expected}, received ${shown}`, { path, expected, received: shown, badInput: true });
}

/** A statistic needs at least one present value and `path` has none (nulls and NaNs are excluded). */
export function emptySample(path: string, excluded: number): DriftError {
  const data: MlopsErrorData = { path, expected: 'at least one non-null value', received: `${excluded} null/NaN value(s) and nothing else`, badInput: true };
  return new DriftError(driftErrorCodes.emptySample, `${path}: expected at least one non-null value, received ${excluded} null/NaN value(s) and nothing else`, data);
}
