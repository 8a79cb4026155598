import type { FittedFill, ReportEntry, ValidationReport } from './ReportEntry';

const rank = { fail: 0, warn: 1, pass: 2 } as const;

/** Assembles the report: failing checks first, then warnings, then passes (each in check order). */
export function buildReport(init: {
  dataset: string;
  now: number;
  entries: readonly ReportEntry[];
  rows: ValidationReport['rows'];
  fills: Record<string, FittedFill>;
  pii: ValidationReport['pii'];
}): ValidationReport {
  const checks = init.entries.map((e, i) => [e, i] as const).sort(([a, i], [b, j]) => rank[a.status] - rank[b.status] || i - j).map(([e]) => e);
  const summary = { fail: 0, warn: 0, pass: 0 };
  for (const e of checks) summary[e.status]++;
  return {
    version: 1,
    dataset: init.dataset,
    passed: summary.fail === 0,
    checkedAt: new Date(init.now).toISOString(),
    rows: init.rows,
    summary,
    checks,
    fills: init.fills,
    pii: init.pii,
  };
}
