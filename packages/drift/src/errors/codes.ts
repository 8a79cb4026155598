/** Error codes raised by @mlops/drift, `E_` prefixed like every mlops code. */
export const driftErrorCodes = {
  invalidArgument: 'E_DRIFT_INVALID_ARGUMENT',
  emptySample: 'E_DRIFT_EMPTY_SAMPLE',
  unsupportedColumn: 'E_DRIFT_UNSUPPORTED_COLUMN',
  invalidProfile: 'E_DRIFT_INVALID_PROFILE',
} as const;

/** One of the codes above. */
export type DriftErrorCode = (typeof driftErrorCodes)[keyof typeof driftErrorCodes];
