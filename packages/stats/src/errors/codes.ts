/** Error codes raised by @mlops/stats, `E_` prefixed like every mlops code. */
export const statsErrorCodes = {
  invalidArgument: 'E_STATS_INVALID_ARGUMENT',
  unsupportedDType: 'E_STATS_UNSUPPORTED_DTYPE',
} as const;

/** One of the codes above. */
export type StatsErrorCode = (typeof statsErrorCodes)[keyof typeof statsErrorCodes];
