import { messages } from '../messages';
import type { CheckContext } from './CheckContext';

/**
 * One `pii` entry per column holding personal data. Configured columns (`pii.columns`) pass: the
 * data is expected and every value is replaced. Columns where PII was detected but not declared
 * warn by default (set `severity: { pii: 'error' }` to fail on them); their values are replaced too.
 */
export function checkPii(ctx: CheckContext): void {
  const { action, detect } = ctx.schema.pii;
  for (const finding of ctx.redactor.findings) {
    const column = finding.column;
    const examples = finding.firstRows.map((row) => ctx.example(column, row));
    const details = { configured: finding.configured, action, kinds: finding.kinds };
    const severity = ctx.severity('pii', { column, inline: ctx.schema.pii.severity });
    const message = messages.pii(column, finding.rows, finding.kinds, action, finding.configured);
    ctx.add({ check: 'pii', column, severity, badCount: finding.rows, examples, message, details, ...(finding.configured ? { status: 'pass' as const } : {}) });
  }
  if (ctx.redactor.findings.length === 0 && detect.length > 0) {
    ctx.add({ check: 'pii', severity: ctx.severity('pii', { inline: ctx.schema.pii.severity }), badCount: 0, message: messages.piiNone(detect) });
  }
}
