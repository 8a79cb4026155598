/**
 * Error codes raised by @mlops/stats. They start with `E_` like @mlops/core's codes, so core's
 * `isMlopsError` recognises them without this package depending on core.
 */
export const statsErrorCodes = {
  invalidArgument: 'E_STATS_INVALID_ARGUMENT',
  unsupportedDType: 'E_STATS_UNSUPPORTED_DTYPE',
} as const;

/** One of the codes above. */
export type StatsErrorCode = (typeof statsErrorCodes)[keyof typeof statsErrorCodes];
