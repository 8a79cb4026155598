import { unsafeNameReason } from '@mlops/core';
import { z } from 'zod';
import { checkNames } from './checkNames';

/** `error` fails the validation (the step throws); `warn` is reported and logged only. */
export const severitySchema = z.enum(['error', 'warn']);

const dtypeSchema = z.enum(['float64', 'int32', 'bool', 'category', 'timestamp']);

/** A bound: a number, or an ISO-8601 string for timestamp columns. */
const boundSchema = z.union([z.number(), z.string().min(1)]);

const severityMap = z.partialRecord(z.enum(checkNames), severitySchema);

const missingSchema = z
  .object({
    strategy: z.enum(['mean', 'median', 'mode', 'ffill', 'constant', 'fail']),
    /** The fill of `constant`: a number, string, boolean or (timestamp columns) ISO string. */
    value: z.union([z.number(), z.string(), z.boolean()]).optional(),
    severity: severitySchema.optional(),
  })
  .strict();

const outliersSchema = z
  .object({
    method: z.enum(['iqr', 'zscore']),
    /** IQR fence multiplier (default 1.5). */
    k: z.number().positive().optional(),
    /** z-score cut-off (default 3). */
    threshold: z.number().positive().optional(),
    /** Clip flagged values to the bounds in the output frame (they are never dropped). */
    clip: z.boolean().default(false),
    severity: severitySchema.optional(),
  })
  .strict();

const columnSchema = z
  .object({
    dtype: dtypeSchema,
    /** Default false: a null left after repairs fails the `nullable` check. */
    nullable: z.boolean().default(false),
    range: z.object({ min: boundSchema.optional(), max: boundSchema.optional(), severity: severitySchema.optional() }).strict().optional(),
    allowed: z.union([z.array(z.string()), z.object({ values: z.array(z.string()), severity: severitySchema.optional() }).strict()]).optional(),
    unique: z.union([z.boolean(), z.object({ severity: severitySchema.optional() }).strict()]).optional(),
    missing: missingSchema.optional(),
    outliers: outliersSchema.optional(),
    /** Per-check severities of this column (inline `severity` fields win). */
    severity: severityMap.optional(),
  })
  .strict();

const piiKinds = z.enum(['email', 'phone', 'card', 'ip']);

/** The zod schema of a dataset schema (what `defineSchema` takes). */
export const datasetSchema = z
  .object({
    /** Shown in messages and the report title. */
    /** Shared naming rule of core (`assertSafeName`): a dataset name may end up in a file name. */
    name: z
      .string()
      .min(1)
      .superRefine((name, ctx) => {
        const reason = unsafeNameReason(name);
        if (reason) ctx.addIssue({ code: 'custom', message: `a dataset name that can become part of a path (it ${reason})` });
      })
      .default('dataset'),
    columns: z.record(z.string().min(1), columnSchema),
    /** Columns that together identify a row; duplicates by key are checked with `duplicates.policy`. */
    key: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
    timestamp: z.string().min(1).optional(),
    entity: z.string().min(1).optional(),
    expectedFrequencyMs: z.number().positive().optional(),
    duplicates: z
      .object({
        keys: z.array(z.string().min(1)).min(1).optional(),
        policy: z.enum(['fail', 'keep_first', 'keep_last']).default('fail'),
        severity: severitySchema.optional(),
      })
      .strict()
      .default({ policy: 'fail' }),
    pii: z
      .object({
        detect: z.array(piiKinds).default(['email', 'phone', 'card', 'ip']),
        columns: z.array(z.string().min(1)).default([]),
        /** Category columns never scanned for PII (ids that happen to look like card numbers, ...). */
        exclude: z.array(z.string().min(1)).default([]),
        action: z.enum(['mask', 'tokenize']).default('mask'),
        /** Dictionary entries of a category column looked at before deciding it holds PII. */
        sampleSize: z.number().int().positive().default(10_000),
        severity: severitySchema.optional(),
      })
      .strict()
      .default({ detect: ['email', 'phone', 'card', 'ip'], columns: [], exclude: [], action: 'mask', sampleSize: 10_000 }),
    /** Severity per check for the whole dataset. */
    severity: severityMap.optional(),
  })
  .strict()
  .superRefine((schema, ctx) => {
    for (const [name, column] of Object.entries(schema.columns)) refineColumn(name, column, ctx);
    const at = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (schema.timestamp && schema.columns[schema.timestamp] && !['timestamp', 'float64', 'int32'].includes(schema.columns[schema.timestamp].dtype)) {
      at(['columns', schema.timestamp, 'dtype'], 'timestamp, float64 or int32 (epoch ms) for the timestamp column');
    }
    if (schema.expectedFrequencyMs !== undefined && !schema.timestamp) at(['expectedFrequencyMs'], 'a `timestamp` column to be set as well');
  });

type ParsedColumn = z.output<typeof columnSchema>;
const numeric = new Set(['float64', 'int32', 'timestamp']);

function refineColumn(name: string, column: ParsedColumn, ctx: z.core.$RefinementCtx<unknown>): void {
  const at = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path: ['columns', name, ...path], message });
  const { dtype, missing, outliers, range } = column;
  if (range) {
    for (const side of ['min', 'max'] as const) {
      const bound = range[side];
      if (typeof bound === 'string' && (dtype !== 'timestamp' || Number.isNaN(Date.parse(bound)))) at(['range', side], dtype === 'timestamp' ? 'an ISO-8601 date or epoch ms' : 'a number');
    }
    if (!numeric.has(dtype)) at(['range'], `no range on ${dtype} columns (only float64, int32, timestamp)`);
    const lo = toMs(range.min), hi = toMs(range.max);
    if (lo !== undefined && hi !== undefined && lo > hi) at(['range', 'max'], `a max >= min (${String(range.min)})`);
  }
  if (column.allowed && dtype !== 'category') at(['allowed'], `no allowed list on ${dtype} columns (only category)`);
  if (outliers && !['float64', 'int32'].includes(dtype)) at(['outliers'], `no outlier check on ${dtype} columns (only float64, int32)`);
  if (outliers?.method === 'iqr' && outliers.threshold !== undefined) at(['outliers', 'threshold'], 'no threshold with method iqr (use k)');
  if (outliers?.method === 'zscore' && outliers.k !== undefined) at(['outliers', 'k'], 'no k with method zscore (use threshold)');
  if (!missing) return;
  if ((missing.strategy === 'mean' || missing.strategy === 'median') && !numeric.has(dtype)) at(['missing', 'strategy'], `mode, ffill, constant or fail for ${dtype} columns (${missing.strategy} needs numbers)`);
  if (missing.strategy === 'mean' && dtype === 'timestamp') at(['missing', 'strategy'], 'median, mode, ffill, constant or fail for a timestamp column');
  if (missing.strategy === 'constant' && !constantFits(dtype, missing.value)) at(['missing', 'value'], `a constant of dtype ${dtype}`);
  if (missing.strategy !== 'constant' && missing.value !== undefined) at(['missing', 'value'], 'no value (only the constant strategy takes one)');
}

function constantFits(dtype: string, value: unknown): boolean {
  switch (dtype) {
    case 'float64':
      return typeof value === 'number';
    case 'int32':
      return typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= 2147483647;
    case 'bool':
      return typeof value === 'boolean';
    case 'category':
      return typeof value === 'string';
    default:
      return typeof value === 'number' || (typeof value === 'string' && !Number.isNaN(Date.parse(value)));
  }
}

/** A bound as a number (timestamps: epoch ms). */
export function toMs(bound: number | string | undefined): number | undefined {
  return typeof bound === 'string' ? Date.parse(bound) : bound;
}
