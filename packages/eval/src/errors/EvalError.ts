import { MlopsError } from '@mlops/errors';
import type { EvalErrorCode } from './codes';

/** Errors of this package: an MlopsError whose `code` is one of `evalErrorCodes`. */
export class EvalError extends MlopsError<EvalErrorCode> {}
