import { MlopsError } from '@mlops/core';

/** Codes of the tracker's own errors. */
export const trackerErrorCodes = {
  /** A param logged again with a different value. */
  paramConflict: 'E_TRACKER_PARAM_CONFLICT',
  /** A malformed `filter` or `orderBy` of `searchRuns`. */
  query: 'E_TRACKER_QUERY',
  /** A value the tracker cannot record (a non-JSON param, a metric that is not a number, an unknown status). */
  input: 'E_TRACKER_INPUT',
  /** A run id that is already taken. */
  duplicateRun: 'E_TRACKER_DUPLICATE_RUN',
} as const;

/** One of the codes above. */
export type TrackerErrorCode = (typeof trackerErrorCodes)[keyof typeof trackerErrorCodes];

/** Every error of the tracker except lookups of missing runs, which throw core's `NotFoundError`. */
export class TrackerError extends MlopsError<TrackerErrorCode> {}

/** A param logged twice with different values; params are immutable so a run stays reproducible. */
export class ParamConflictError extends TrackerError {
  constructor(
    readonly runId: string,
    readonly key: string,
    readonly oldValue: string,
    readonly newValue: string,
  ) {
    super(trackerErrorCodes.paramConflict, `run ${runId}: param "${key}" is already ${oldValue}; it cannot change to ${newValue} (params are immutable: start a new run to try another value)`);
  }
}

/**
 * A `filter` or `orderBy` that does not parse or does not type-check; `column` is 1-based. `path`
 * is `filter:<column>` (or `orderBy:<column>`), `expected`/`received` what the parser wanted and found.
 */
export class QuerySyntaxError extends TrackerError {
  declare readonly expected: string;

  constructor(
    readonly source: string,
    readonly what: 'filter' | 'orderBy',
    readonly column: number,
    expected: string,
    readonly found: string,
  ) {
    super(trackerErrorCodes.query, `invalid ${what} ${JSON.stringify(source)} at column ${column}: expected ${expected}, found ${found}`, { path: `${what}:${column}`, expected, received: found, badInput: true });
  }
}

/** A `filter` or `orderBy` beyond a size limit (length, nesting, comparisons): refused before parsing deeper. */
export class QueryLimitError extends TrackerError {
  constructor(
    readonly what: 'filter' | 'orderBy',
    readonly limit: string,
    readonly found: string,
  ) {
    super(trackerErrorCodes.query, `${what} too large: ${limit} allowed, found ${found}`, { badInput: true });
  }
}
