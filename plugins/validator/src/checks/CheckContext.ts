import type { Frame } from '@mlops/frame';
import type { CheckStatus, Example, ReportEntry } from '../report/ReportEntry';
import type { CheckName } from '../schema/checkNames';
import type { DatasetSchema } from '../schema/defineSchema';
import type { Severity } from '../schema/resolveSeverity';
import type { Redactor } from '../pii/Redactor';

/** A report entry as a check hands it in; the status follows from severity and count unless given. */
export type EntryInput = Omit<ReportEntry, 'status' | 'examples'> & { status?: CheckStatus; examples?: Example[] };

/** What every check receives: the schema, the frame as given, and how to report. */
export interface CheckContext {
  readonly schema: DatasetSchema;
  /** The frame given to the validator; row indices in examples refer to it. */
  readonly input: Frame;
  readonly maxExamples: number;
  readonly redactor: Redactor;
  /** Epoch ms treated as "now" by the future-timestamp check. */
  readonly now: number;
  /** The check's severity, see `resolveSeverity`. */
  severity(check: CheckName, where?: { column?: string; inline?: Severity; fallback?: Severity }): Severity;
  /** Row `row` of input column `column` as an example (redacted when the column holds PII). */
  example(column: string, row: number, note?: string): Example;
  /** Adds an entry to the report. */
  add(entry: EntryInput): void;
}
