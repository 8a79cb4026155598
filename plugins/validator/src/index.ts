import { validatorPlugin } from './plugin';

export { validatorPlugin };
export { validateStep, type ValidateStepOptions, type ValidateStepOutputs } from './validateStep';
export { createValidator, type FrameValidator } from './createValidator';
export { validateFrame, type ValidateFrameOptions, type ValidatorOutcome } from './validateFrame';
export { defineSchema, type ColumnDefinition, type DatasetSchema, type SchemaDefinition, type UserSchema } from './schema/defineSchema';
export { parseSchema } from './schema/parseSchema';
export { datasetSchema } from './schema/datasetSchema';
export { checkNames, type CheckName } from './schema/checkNames';
export type { Severity } from './schema/resolveSeverity';
export { validatorOptions, type ValidatorOptions, type ValidatorUserOptions } from './config';
export type { CheckStatus, Example, FittedFill, ReportEntry, ValidationReport } from './report/ReportEntry';
export { renderReportHtml, type BaselineLike } from './report/renderReportHtml';
export { findPii, type PiiKind, type PiiMatch } from './pii/findPii';
export { luhn } from './pii/luhn';
export { maskPii, FIXED_MASK } from './pii/maskPii';
export { tokenizePii } from './pii/tokenizePii';
export { piiKeyFingerprint } from './pii/piiKeyFingerprint';
export { createPiiFilter, type PiiFilter } from './pii/createPiiFilter';
export { withPiiRedacted } from './withPiiRedacted';
export { PiiKeyError, SchemaError, ValidationFailedError, ValidatorError, validatorErrorCodes, type FailedCheck, type SchemaIssue, type ValidatorErrorCode } from './errors';

/** The package's plugins (just the validator); the runtime picks it for the `validator` slot. */
export default [validatorPlugin];
