import type { Frame } from '@mlops/frame';
import type { ReportEntry } from '../report/ReportEntry';
import type { UserSchema } from '../schema/defineSchema';
import { validateFrame, type ValidateFrameOptions, type ValidatorOutcome } from '../validateFrame';

/** Test helper: validates and gives the typed report with lookups by check and column. */
export function validate(frame: Frame, schema: UserSchema, options: ValidateFrameOptions = {}) {
  const outcome: ValidatorOutcome = validateFrame(frame, schema, { now: Date.UTC(2024, 0, 1), ...options });
  const checks = outcome.validation.checks;
  const find = (check: ReportEntry['check'], column?: string): ReportEntry => {
    const found = checks.find((e) => e.check === check && (column === undefined || e.column === column));
    if (!found) throw new Error(`no ${check} entry${column ? ` for ${column}` : ''}; have: ${checks.map((e) => `${e.check}/${e.column ?? '-'}`).join(', ')}`);
    return found;
  };
  return { outcome, report: outcome.validation, out: outcome.frame, find, has: (check: ReportEntry['check'], column?: string) => checks.some((e) => e.check === check && (column === undefined || e.column === column)) };
}
