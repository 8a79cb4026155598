import { MlopsError } from '@mlops/core';
import { messages } from './messages';

/** Codes of this plugin's errors. */
export const validatorErrorCodes = {
  validationFailed: 'E_VALIDATION_FAILED',
  schema: 'E_VALIDATOR_SCHEMA',
  piiKey: 'E_VALIDATOR_PII_KEY',
} as const;

/** One of the codes above. */
export type ValidatorErrorCode = (typeof validatorErrorCodes)[keyof typeof validatorErrorCodes];

/** Base of the validator's errors. */
export class ValidatorError extends MlopsError<ValidatorErrorCode> {}

/** One problem in a dataset schema: where, what was expected, what was found. */
export interface SchemaIssue {
  path: string;
  expected: string;
  received: string;
}

/** A dataset schema given to `validateStep` or `validate` is not valid; lists every issue. */
export class SchemaError extends ValidatorError {
  constructor(
    readonly schemaName: string,
    readonly issues: readonly SchemaIssue[],
  ) {
    super(validatorErrorCodes.schema, issues.map((i) => messages.schemaIssue(schemaName, i)).join('\n'));
  }
  override toJSON() {
    return { ...super.toJSON(), schema: this.schemaName, issues: this.issues };
  }
}

/** The schema asks for tokenization but the HMAC key's environment variable is unset. */
export class PiiKeyError extends ValidatorError {
  constructor(readonly envName: string) {
    super(validatorErrorCodes.piiKey, messages.piiKeyMissing(envName));
  }
}

/** A failing check found in a `ValidationFailedError`, as plain data. */
export interface FailedCheck {
  check: string;
  column?: string;
  badCount: number;
  message: string;
  examples: readonly { row: number; value: unknown }[];
}

/**
 * Checks of severity `error` failed. The message names every failing check (column, check, bad-row
 * count, a few example rows, PII already masked) and where the full report was written.
 */
export class ValidationFailedError extends ValidatorError {
  constructor(
    readonly step: string,
    readonly failures: readonly FailedCheck[],
    readonly reportPaths: readonly string[] = [],
  ) {
    super(validatorErrorCodes.validationFailed, messages.validationFailed(step, failures, reportPaths));
  }
  override toJSON() {
    return { ...super.toJSON(), step: this.step, failures: this.failures, reportPaths: this.reportPaths };
  }
}
