import { ReportError, reportErrorCodes } from '../errors';
import { fieldIssues } from '../lib/zodIssue';
import type { DriftReportData } from './DriftReportData';
import { driftReportSchema } from './driftReportSchema';

/**
 * Checks that `value` (e.g. parsed from a report JSON file) is a {@link DriftReportData} and returns
 * it typed. Otherwise throws a `ReportError` (`E_REPORT_INVALID_DATA`, `badInput`) whose message
 * starts with `source` and names the first bad field: `report.json: features[2].pValue: expected a
 * number <= 1, received 3 (and 1 more problem)`.
 */
export function validateDriftReport(value: unknown, source = 'drift report'): DriftReportData {
  const parsed = driftReportSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = fieldIssues(parsed.error, value);
  const first = issues[0]!;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  const message = `${source}: ${first.path || '(top level)'}: expected ${first.expected}, received ${first.received}${more}`;
  throw new ReportError(reportErrorCodes.invalidData, message, { path: first.path, expected: first.expected, received: first.received, badInput: true });
}
