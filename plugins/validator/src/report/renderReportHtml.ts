import type { ColumnSummary } from '@mlops/stats';
import { frequencySvg, histogramSvg } from './charts';
import { html, trusted, type SafeHtml } from './html';
import type { Example, ReportEntry, ValidationReport } from './ReportEntry';

/** The part of a baseline the page draws: per-column summaries from `profileFrame`. */
export interface BaselineLike {
  rowCount?: number;
  datasetDigest?: string;
  columns?: Record<string, ColumnSummary>;
}

const css = trusted(`
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px;color:#1d232b;background:#fafbfc}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
.badge{display:inline-block;padding:2px 10px;border-radius:10px;font-weight:600;color:#fff}
.badge.fail{background:#c62828}.badge.warn{background:#b26a00}.badge.pass{background:#2e7d32}
.muted{color:#667}table{border-collapse:collapse;width:100%;background:#fff}
th,td{border:1px solid #dde2e8;padding:5px 8px;text-align:left;vertical-align:top}th{background:#eef1f5}
tr.fail td:first-child{border-left:4px solid #c62828}tr.warn td:first-child{border-left:4px solid #b26a00}
code,.ex{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}.ex{margin:0;padding-left:16px}
.cols{display:flex;flex-wrap:wrap;gap:12px}.col{background:#fff;border:1px solid #dde2e8;padding:10px;width:340px}
.col h3{font-size:14px;margin:0 0 4px}.chart rect{fill:#4a78b5}.chart text{font-size:10px;fill:#445}
dl{display:grid;grid-template-columns:auto 1fr;gap:0 10px;margin:4px 0}dt{color:#667}dd{margin:0}
`);

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

function examples(list: readonly Example[]): SafeHtml {
  if (list.length === 0) return html``;
  return html`<ul class="ex">${list.map((e) => html`<li>row ${e.row}: ${show(e.value)}${e.note ? html` <span class="muted">(${e.note})</span>` : ''}</li>`)}</ul>`;
}

function checkRow(e: ReportEntry): SafeHtml {
  return html`<tr class="${e.status}"><td><span class="badge ${e.status}">${e.status}</span></td><td>${e.check}</td><td>${e.column ?? html`<span class="muted">dataset</span>`}</td><td>${e.severity}</td><td>${e.badCount}</td><td>${e.message}${examples(e.examples)}</td></tr>`;
}

function checksTable(entries: readonly ReportEntry[]): SafeHtml {
  return html`<table><thead><tr><th>status</th><th>check</th><th>column</th><th>severity</th><th>rows</th><th>details</th></tr></thead><tbody>${entries.map(checkRow)}</tbody></table>`;
}

const num = (v: number | null | undefined) => (v === null || v === undefined ? '–' : String(+v.toPrecision(6)));

function columnCard(name: string, s: ColumnSummary): SafeHtml {
  const common = html`<dt>dtype</dt><dd>${s.dtype}</dd><dt>count</dt><dd>${s.count}</dd><dt>nulls</dt><dd>${s.nullCount} (${(s.nullRate * 100).toFixed(1)}%)</dd>`;
  let body: SafeHtml;
  switch (s.kind) {
    case 'numeric':
      body = html`<dl>${common}<dt>mean ± std</dt><dd>${num(s.mean)} ± ${num(s.std)}</dd><dt>min / p50 / max</dt><dd>${num(s.min)} / ${num(s.quantiles.p50)} / ${num(s.max)}</dd></dl>${histogramSvg(s.histogram)}`;
      break;
    case 'categorical':
      body = html`<dl>${common}<dt>distinct</dt><dd>${s.distinct}</dd></dl>${frequencySvg(s.frequencies, s.otherCount)}`;
      break;
    case 'bool':
      body = html`<dl>${common}</dl>${frequencySvg([{ value: 'true', count: s.trueCount }, { value: 'false', count: s.count - s.trueCount }])}`;
      break;
    case 'timestamp':
      body = html`<dl>${common}<dt>from</dt><dd>${s.min === null ? '–' : new Date(s.min).toISOString()}</dd><dt>to</dt><dd>${s.max === null ? '–' : new Date(s.max).toISOString()}</dd></dl>`;
      break;
  }
  return html`<div class="col"><h3>${name}</h3>${body}</div>`;
}

/**
 * The report as one self-contained HTML page: inline CSS and SVG, no scripts, no external URLs,
 * so it opens offline and from an artifact store. Failing checks come first; passes are folded.
 * Every value from the data is escaped by the `html` template tag.
 */
export function renderReportHtml(report: ValidationReport, baseline?: BaselineLike): string {
  const open = report.checks.filter((e) => e.status !== 'pass');
  const passed = report.checks.filter((e) => e.status === 'pass');
  const state = report.passed ? (report.summary.warn ? 'warn' : 'pass') : 'fail';
  const fills = Object.entries(report.fills);
  const columns = Object.entries(baseline?.columns ?? {});
  const page = html`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Validation report: ${report.dataset}</title><style>${css}</style></head><body>
<h1>Validation report: ${report.dataset} <span class="badge ${state}">${report.passed ? 'passed' : 'failed'}</span></h1>
<p class="muted">checked ${report.checkedAt} · ${report.rows.input} rows in, ${report.rows.output} out${report.rows.dropped ? `, ${report.rows.dropped} dropped` : ''} · ${report.summary.fail} failed, ${report.summary.warn} warnings, ${report.summary.pass} passed${baseline?.datasetDigest ? html` · <code>${baseline.datasetDigest}</code>` : ''}</p>
<h2>Problems</h2>
${open.length ? checksTable(open) : html`<p>No failing checks and no warnings.</p>`}
<details><summary>${passed.length} passing checks</summary>${checksTable(passed)}</details>
${fills.length ? html`<h2>Fitted fills</h2><table><thead><tr><th>column</th><th>strategy</th><th>dtype</th><th>value</th></tr></thead><tbody>${fills.map(([c, f]) => html`<tr><td>${c}</td><td>${f.strategy}</td><td>${f.dtype}</td><td>${show(f.value)}</td></tr>`)}</tbody></table>` : ''}
${report.pii.columns.length ? html`<h2>Personal data</h2><p>${report.pii.action === 'tokenize' ? 'Tokenized' : 'Masked'} in: ${report.pii.columns.join(', ')}</p>` : ''}
${columns.length ? html`<h2>Distributions (output data)</h2><div class="cols">${columns.map(([n, s]) => columnCard(n, s))}</div>` : ''}
</body></html>
`;
  return page.value;
}
