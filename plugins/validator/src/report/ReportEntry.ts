import type { Json } from '@mlops/core';
import type { CheckName } from '../schema/checkNames';
import type { Severity } from '../schema/resolveSeverity';

/** `fail`: a check of severity `error` found problems; `warn`: one of severity `warn` did. */
export type CheckStatus = 'pass' | 'warn' | 'fail';

// Type aliases rather than interfaces: aliases are assignable to core's `Json`, so reports need no casts.

/** One offending row: its index in the frame given to the validator and the value (PII masked). */
export type Example = {
  row: number;
  value: Json;
  /** Extra context, e.g. the row a duplicate repeats. */
  note?: string;
};

/** The result of one check on one column (or on the dataset). Plain JSON. */
export type ReportEntry = {
  check: CheckName;
  column?: string;
  severity: Severity;
  status: CheckStatus;
  /** Rows the check flagged (filled, dropped, masked or failing). */
  badCount: number;
  /** Up to `maxExamples` flagged rows, PII already masked or tokenized. */
  examples: Example[];
  message: string;
  /** Check-specific facts (bounds, largest gap, fitted fill, ...). */
  details?: { [key: string]: Json };
};

/** A fitted fill value, reusable at serving time. */
export type FittedFill = {
  strategy: 'mean' | 'median' | 'mode' | 'constant' | 'ffill';
  dtype: string;
  /** The value written into null cells (timestamps as epoch ms); null for ffill. */
  value: number | string | boolean | null;
};

/** The validation report: every check, failing ones first. */
export type ValidationReport = {
  version: 1;
  dataset: string;
  passed: boolean;
  /** ISO time the validator used as "now" (future timestamps). */
  checkedAt: string;
  rows: { input: number; output: number; dropped: number };
  summary: { fail: number; warn: number; pass: number };
  checks: ReportEntry[];
  fills: Record<string, FittedFill>;
  pii: { action: 'mask' | 'tokenize'; columns: string[] };
};
