import { z } from 'zod';
import { severitySchema } from './schema/datasetSchema';

/** Options of the `validator` plugin (`plugins.validator.options` in config). */
export const validatorOptions = z
  .object({
    /** Environment variable holding the HMAC key for `pii.action: 'tokenize'`; read when a schema needs it. */
    tokenKeyEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name').default('MLOPS_PII_KEY'),
    /** Severity of checks without a natural default (types, ranges, temporal order, ...). */
    defaultSeverity: severitySchema.default('error'),
    /** Example rows kept per check in the report and the error message. */
    maxExamples: z.number().int().min(0).max(100).default(5),
    /** Fixed "now" for the future-timestamp check (epoch ms, ISO-8601 or Date); default the clock. */
    now: z
      .union([z.number(), z.date(), z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO-8601 date')])
      .transform((v) => (typeof v === 'number' ? v : typeof v === 'string' ? Date.parse(v) : v.getTime()))
      .optional(),
    /** Bins of the baseline's numeric histograms and categories listed per categorical column. */
    profile: z.object({ histogramBins: z.number().int().positive().default(20), topK: z.number().int().nonnegative().default(50) }).strict().default({ histogramBins: 20, topK: 50 }),
  })
  .strict();

/** Options as written in config. */
export type ValidatorUserOptions = z.input<typeof validatorOptions>;
/** Options after defaults. */
export type ValidatorOptions = z.output<typeof validatorOptions>;
