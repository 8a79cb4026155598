import { MlopsError } from '@mlops/errors';
import type { StatsErrorCode } from './codes';

/** Errors of this package: an MlopsError whose `code` is one of `statsErrorCodes`. */
export class StatsError extends MlopsError<StatsErrorCode> {}
