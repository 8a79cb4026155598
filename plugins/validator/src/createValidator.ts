import type { Validator } from '@mlops/core';
import type { Frame } from '@mlops/frame';
import type { ValidatorOptions } from './config';
import { createPiiFilter, type PiiFilter } from './pii/createPiiFilter';
import { validateFrame, type ValidatorOutcome } from './validateFrame';

/** This plugin's validator: the core contract plus where failed steps write their reports. */
export interface FrameValidator extends Validator {
  validate(frame: Frame, schema: unknown, context?: { dataset?: string; now?: number }): Promise<ValidatorOutcome>;
  /** The schema's PII replacement alone, with the current key (`withPiiRedacted` applies it where data is read). */
  piiFilter(schema: unknown): PiiFilter;
  /** `<stateDir>/reports`, where `validateStep` writes the report of a failed validation. */
  readonly reportsDir?: string;
}

/**
 * Creates the validator service. The PII key is read from `env[tokenKeyEnv]` on each validation
 * that tokenizes, so a key rotated in the environment is picked up and schemas that only mask
 * never need one.
 */
export function createValidator(options: Partial<ValidatorOptions> & { reportsDir?: string; env?: NodeJS.ProcessEnv } = {}): FrameValidator {
  const env = options.env ?? process.env;
  const tokenKeyEnv = options.tokenKeyEnv ?? 'MLOPS_PII_KEY';
  return {
    reportsDir: options.reportsDir,
    piiFilter: (schema) => createPiiFilter(schema, { piiKey: env[tokenKeyEnv] || undefined, tokenKeyEnv }),
    validate: async (frame, schema, context = {}) =>
      validateFrame(frame, schema, {
        maxExamples: options.maxExamples,
        defaultSeverity: options.defaultSeverity,
        now: context.now ?? options.now,
        piiKey: env[tokenKeyEnv] || undefined,
        tokenKeyEnv,
        dataset: context.dataset,
        profile: options.profile,
      }),
  };
}
