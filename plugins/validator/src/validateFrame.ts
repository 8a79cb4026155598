import type { Json, ValidationOutcome } from '@mlops/core';
import { digestFrame, type Frame } from '@mlops/frame';
import { profileFrame, type SummaryOptions } from '@mlops/stats';
import { checkColumnSet } from './checks/checkColumnSet';
import { checkConstraints } from './checks/checkConstraints';
import { checkDuplicates } from './checks/checkDuplicates';
import { checkMissing } from './checks/checkMissing';
import { checkOutliers } from './checks/checkOutliers';
import { checkPii } from './checks/checkPii';
import { checkTemporal } from './checks/checkTemporal';
import { checkTypes } from './checks/checkTypes';
import { createCheckContext } from './checks/createCheckContext';
import { createTimeIndex, type TimeIndex } from './checks/TimeIndex';
import { PiiKeyError } from './errors';
import { Redactor } from './pii/Redactor';
import { buildReport } from './report/buildReport';
import type { FittedFill, ReportEntry, ValidationReport } from './report/ReportEntry';
import { parseSchema } from './schema/parseSchema';
import type { Severity } from './schema/resolveSeverity';

/** Settings of one validation (the plugin fills them from its options). */
export interface ValidateFrameOptions {
  /** Examples kept per check (default 5). */
  maxExamples?: number;
  /** Severity of checks that have no natural default (default `error`). */
  defaultSeverity?: Severity;
  /** Epoch ms treated as "now" by the future-timestamp check (default `Date.now()`). */
  now?: number;
  /** HMAC key for `pii.action: 'tokenize'`. */
  piiKey?: string;
  /** Named in the error when `piiKey` is needed but missing. */
  tokenKeyEnv?: string;
  /** Overrides the schema's name in the report. */
  dataset?: string;
  /** Histogram bins and top-k of the baseline profile. */
  profile?: SummaryOptions;
}

/** What this validator returns: the core outcome plus the typed report, fitted fills and baseline. */
export interface ValidatorOutcome extends ValidationOutcome {
  /** The same report as `report`, typed. */
  validation: ValidationReport;
  /** `{ version, dataset, fills: { column: { strategy, dtype, value } } }`: fills to reuse at serving time. */
  fittedFills: Json;
  /** `{ dataset, datasetDigest, rowCount, columns }`: `profileFrame` of the output frame and its digest. */
  baseline: Json;
}

/**
 * Validates `frame` against `schema` (checked with zod first) and applies the configured repairs:
 * type conversions, fills, clipping, duplicate drops, then PII masking or tokenization. Every
 * check runs, so the report lists every problem at once. Never throws for bad data: `passed` is
 * false when a check of severity `error` failed.
 */
export function validateFrame(frame: Frame, schema: unknown, options: ValidateFrameOptions = {}): ValidatorOutcome {
  const parsed = parseSchema(schema);
  const now = options.now ?? Date.now();
  const maxExamples = options.maxExamples ?? 5;
  if (parsed.pii.action === 'tokenize' && !options.piiKey) throw new PiiKeyError(options.tokenKeyEnv ?? 'MLOPS_PII_KEY');
  const pii = parsed.pii;
  const redactor = Redactor.scan(frame, { kinds: pii.detect, action: pii.action, key: options.piiKey, columns: pii.columns, exclude: pii.exclude, sampleSize: pii.sampleSize }, maxExamples);
  const entries: ReportEntry[] = [];
  const ctx = createCheckContext({ schema: parsed, input: frame, redactor, maxExamples, now, defaultSeverity: options.defaultSeverity ?? 'error' }, entries);

  const present = checkColumnSet(ctx);
  const { frame: typedFrame, typed } = checkTypes(ctx, present);
  let index: TimeIndex | undefined;
  const timestamp = parsed.timestamp !== undefined && typed.has(parsed.timestamp) ? parsed.timestamp : undefined;
  const timeIndex = () => (index ??= createTimeIndex(typedFrame, parsed.entity, timestamp));

  let out = typedFrame;
  const fills: Record<string, FittedFill> = {};
  for (const name of present) {
    if (!typed.has(name)) continue;
    const given = typedFrame.column(name);
    const missing = checkMissing(ctx, name, given, timeIndex);
    if (missing.fill) fills[name] = missing.fill;
    const repaired = checkOutliers(ctx, name, given, missing.column);
    checkConstraints(ctx, name, given, repaired);
    if (repaired !== given) out = out.withColumn(name, repaired);
  }
  if (timestamp) checkTemporal(ctx, timeIndex());
  const duplicates = checkDuplicates(ctx, typedFrame);
  if (duplicates.drop) out = out.take(keptRows(duplicates.drop, duplicates.dropped));
  checkPii(ctx);
  out = redactor.apply(out);

  const dataset = options.dataset ?? parsed.name;
  const report = buildReport({
    dataset,
    now,
    entries,
    rows: { input: frame.rowCount, output: out.rowCount, dropped: duplicates.dropped },
    fills,
    pii: { action: pii.action, columns: redactor.findings.map((f) => f.column) },
  });
  const profile = profileFrame(out, options.profile);
  return {
    passed: report.passed,
    frame: out,
    report,
    validation: report,
    fittedFills: { version: 1, dataset, fills },
    baseline: { dataset, datasetDigest: digestFrame(out), ...(profile as unknown as { [key: string]: Json }) },
  };
}

function keptRows(drop: Uint8Array, dropped: number): Int32Array {
  const rows = new Int32Array(drop.length - dropped);
  for (let i = 0, j = 0; i < drop.length; i++) if (!drop[i]) rows[j++] = i;
  return rows;
}
