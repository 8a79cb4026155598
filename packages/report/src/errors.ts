import { MlopsError } from '@mlops/errors';

/** Error codes raised by @mlops/report, `E_` prefixed like every mlops code. */
export const reportErrorCodes = {
  /** The report data does not have the documented shape (`path` names the field). */
  invalidData: 'E_REPORT_INVALID_DATA',
  /** A report file could not be read or written (`path` names the file). */
  io: 'E_REPORT_IO',
} as const;

/** One of the codes above. */
export type ReportErrorCode = (typeof reportErrorCodes)[keyof typeof reportErrorCodes];

/** Errors of this package: an MlopsError whose `code` is one of `reportErrorCodes`. */
export class ReportError extends MlopsError<ReportErrorCode> {}
