import { MlopsError } from '@mlops/errors';
import type { FrameErrorCode } from './codes';

/** Errors of this package: an MlopsError whose `code` is one of `frameErrorCodes`. */
export class FrameError extends MlopsError<FrameErrorCode> {}
