import type { MonitorAlertRecord, MonitorEvaluation, RetrainRequestRecord } from '@mlops/core';
import { color, formatTime, printJson, table } from './format';

const num = (x: number | null) => (x === null ? '-' : String(+x.toPrecision(4)));
const severity = (s: string) => (s === 'critical' ? color.red(s) : s === 'warning' ? color.yellow(s) : s);

/** One evaluation: each served model version's verdict, then the alerts that fired. */
export function printEvaluation(result: MonitorEvaluation, json: boolean): void {
  if (json) return printJson(result);
  const out = process.stdout;
  out.write(`${formatTime(result.evaluatedAt)} window ${formatTime(result.window.since)} – ${formatTime(result.window.until)}\n`);
  if (!result.models.length) out.write('  no predictions served in the window\n');
  for (const m of result.models) {
    const name = `${m.model}:${m.version ?? '-'}`;
    if (m.skipped) out.write(`  ${name}: ${m.rows} rows, not judged: ${m.skipped}\n`);
    else out.write(`  ${name}: ${m.rows} rows, ${m.driftedFeatures.length ? `drifted: ${m.driftedFeatures.join(', ')}` : 'no feature drifted'} (share ${num(m.driftShare)})\n`);
    for (const note of m.notes ?? []) out.write(`    not judged: ${note}\n`);
  }
  for (const a of result.fired) out.write(`  ${severity(a.severity)} #${a.id} ${a.title}${a.delivered.retrainRequestId !== null ? ` → retraining requested (#${a.delivered.retrainRequestId})` : ''}\n`);
  out.write(`${color.dim(`  ${result.fired.length} alert${result.fired.length === 1 ? '' : 's'} fired, ${result.suppressed} within their cooldown`)}\n`);
}

export function printAlerts(list: readonly MonitorAlertRecord[], json: boolean): void {
  if (json) return printJson(list);
  if (!list.length) return void process.stdout.write('no alerts yet: `mlops monitor --once` evaluates the rules\n');
  process.stdout.write(`${table(['ID', 'FIRED', 'SEVERITY', 'RULE', 'MODEL', 'COLUMN', 'VALUE', 'LIMIT', 'SINK', 'RETRAIN', 'TITLE'], list.map((a) => [String(a.id), formatTime(a.firedAt), a.severity, a.rule, `${a.model}:${a.version ?? '-'}`, a.column ?? '-', num(a.value), num(a.threshold), a.delivered.alertSink, a.delivered.retrainRequestId === null ? '-' : `#${a.delivered.retrainRequestId}`, a.title]))}\n`);
}

export function printRetrainRequests(list: readonly RetrainRequestRecord[], json: boolean): void {
  if (json) return printJson(list);
  if (!list.length) return void process.stdout.write('no retraining requested\n');
  process.stdout.write(`${table(['ID', 'REQUESTED', 'MODEL', 'STATUS', 'ALERT', 'REASON'], list.map((r) => [String(r.id), formatTime(r.requestedAt), `${r.model}:${r.version ?? '-'}`, r.status, r.alertId === null ? '-' : `#${r.alertId}`, r.reason]))}\n`);
}
