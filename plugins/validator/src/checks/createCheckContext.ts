import type { Frame } from '@mlops/frame';
import { cellJson } from '../lib/cellJson';
import type { Redactor } from '../pii/Redactor';
import type { ReportEntry } from '../report/ReportEntry';
import type { DatasetSchema } from '../schema/defineSchema';
import { resolveSeverity, type Severity } from '../schema/resolveSeverity';
import type { CheckContext } from './CheckContext';

/** A `CheckContext` collecting entries into `entries`. */
export function createCheckContext(
  init: { schema: DatasetSchema; input: Frame; redactor: Redactor; maxExamples: number; now: number; defaultSeverity: Severity },
  entries: ReportEntry[],
): CheckContext {
  const { schema, input, redactor, maxExamples } = init;
  return {
    schema,
    input,
    redactor,
    maxExamples,
    now: init.now,
    severity: (check, where = {}) => resolveSeverity(schema, check, where, init.defaultSeverity),
    example: (column, row, note) => {
      const value = redactor.redact(column, cellJson(input.column(column), row));
      return note === undefined ? { row, value } : { row, value, note };
    },
    add: ({ status, examples, ...entry }) => {
      const computed = entry.badCount === 0 ? 'pass' : entry.severity === 'error' ? 'fail' : 'warn';
      entries.push({ ...entry, status: status ?? computed, examples: (examples ?? []).slice(0, maxExamples) });
    },
  };
}
