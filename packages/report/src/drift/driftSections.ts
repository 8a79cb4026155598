import { escapeHtml } from '../html/escapeHtml';
import { formatCount, formatNumber, formatPercent } from '../html/formatNumber';
import { htmlTable } from '../html/htmlTable';
import type { DriftReportData, FeatureDrift, PerformancePanel, ReportAlert } from './DriftReportData';
import { featureChart } from './featureChart';

/** `name@alias (version 3)`, or `name (version 3)` without an alias. */
export function modelLabel(model: DriftReportData['summary']['model']): string {
  return `${model.name}${model.alias ? `@${model.alias}` : ''} (version ${model.version})`;
}

function verdictBadge(f: FeatureDrift): string {
  if (f.skipped !== undefined) return '<span class="badge skip">skipped</span>';
  return f.drifted ? '<span class="badge drift">drift</span>' : '<span class="badge ok">no drift</span>';
}

/** Model, window, row counts and the dataset verdict. */
export function headerSection(data: DriftReportData, title: string): string {
  const s = data.summary;
  const drifted = data.features.filter((f) => f.drifted).length;
  const d = s.datasetDrift;
  const verdict = `${d.drifted ? 'Dataset drift' : 'No dataset drift'}: ${drifted} of ${data.features.length} features drifted (drift share ${formatPercent(d.share)}, threshold ${formatPercent(d.threshold)})`;
  const meta = [
    `Model <b>${escapeHtml(modelLabel(s.model))}</b>`,
    `window ${escapeHtml(s.window.start)} → ${escapeHtml(s.window.end)}`,
    `reference ${formatCount(s.referenceRows)} rows, current ${formatCount(s.currentRows)} rows`,
    ...(data.generatedAt ? [`generated ${escapeHtml(data.generatedAt)}`] : []),
  ];
  const outputs = data.outputs?.length ? outputVerdict(data.outputs) : '';
  return `<h1>${escapeHtml(title)}</h1>\n<p class="meta">${meta.join(' · ')}</p>\n<div id="dataset-verdict" class="verdict ${d.drifted ? 'bad' : 'ok'}">${escapeHtml(verdict)}</div>${outputs}`;
}

/** The outputs' line under the dataset verdict: the prediction distribution moved or not. */
function outputVerdict(outputs: readonly FeatureDrift[]): string {
  const drifted = outputs.filter((f) => f.drifted);
  const text = `${drifted.length ? 'Output drift' : 'No output drift'}: ${drifted.length} of ${outputs.length} outputs drifted${drifted.length ? ` (${drifted.map((f) => f.name).join(', ')})` : ''}`;
  return `\n<div id="output-verdict" class="verdict ${drifted.length ? 'bad' : 'ok'}">${escapeHtml(text)}</div>`;
}

/** One row per feature (in the given order), linking to its section; outputs get the same table under their own heading. */
export function summarySection(ordered: ReadonlyArray<{ feature: FeatureDrift; id: string }>, table: { id: string; heading: string; first: string } = { id: 'summary', heading: 'Summary', first: 'Feature' }): string {
  const rows = ordered.map(({ feature: f, id }) => ({
    className: f.drifted ? 'drifted' : undefined,
    cells: [
      { html: `<a href="#${id}">${escapeHtml(f.name)}</a>` },
      f.kind,
      f.method ? `${f.test} (${f.method})` : f.test,
      { text: formatNumber(f.statistic) },
      { text: formatNumber(f.pValue) },
      { text: formatNumber(f.threshold) },
      { html: verdictBadge(f) },
    ],
  }));
  const columns = [{ label: table.first }, { label: 'Kind' }, { label: 'Test' }, { label: 'Statistic', numeric: true }, { label: 'p-value', numeric: true }, { label: 'Threshold', numeric: true }, { label: 'Verdict' }];
  return `<h2>${escapeHtml(table.heading)}</h2>\n${htmlTable({ id: table.id, columns, rows })}`;
}

/** A feature's facts and its overlaid histograms. */
export function featureSection(f: FeatureDrift, id: string): string {
  const facts = [
    `kind: ${f.kind}`,
    `test: ${f.test}${f.method ? ` (${f.method})` : ''}`,
    `statistic: ${formatNumber(f.statistic)}`,
    `p-value: ${formatNumber(f.pValue)}`,
    `threshold: ${formatNumber(f.threshold)}`,
    ...(f.referenceNullShare !== undefined || f.currentNullShare !== undefined ? [`nulls: reference ${formatPercent(f.referenceNullShare ?? 0)}, current ${formatPercent(f.currentNullShare ?? 0)}`] : []),
  ];
  const skipped = f.skipped !== undefined ? `<p class="warning">Skipped: ${escapeHtml(f.skipped)}</p>` : '';
  return [
    `<section class="feature${f.drifted ? ' drifted' : ''}" id="${id}">`,
    `<h3>${escapeHtml(f.name)} ${verdictBadge(f)}</h3>`,
    `<p class="facts">${facts.map((t) => `<span>${escapeHtml(t)}</span>`).join('')}</p>${skipped}`,
    featureChart(f),
    '</section>',
  ].join('\n');
}

/** Estimated next to realized performance; estimates are called estimates, and warnings stand out. */
export function performanceSection(p: PerformancePanel): string {
  const notes = [
    p.method ? `Estimated values are estimates (${escapeHtml(p.method)}), made before labels arrive; realized values use labelled rows only.` : '',
    p.labelledRows !== undefined ? `Labelled rows in the window: ${formatCount(p.labelledRows)}.` : '',
  ].filter(Boolean);
  const rows = p.metrics.map((m) => ({
    cells: [m.name, { text: formatNumber(m.reference) }, { text: formatNumber(m.estimated) }, { text: formatNumber(m.realized) }, { html: (m.flags ?? []).map((f) => `<span class="badge flag">${escapeHtml(f)}</span>`).join(' ') }],
  }));
  const columns = [{ label: 'Metric' }, { label: 'Reference', numeric: true }, { label: 'Estimated', numeric: true }, { label: 'Realized', numeric: true }, { label: 'Flags' }];
  return [
    '<h2>Performance</h2>',
    ...notes.map((t) => `<p class="meta">${t}</p>`),
    p.warning ? `<p class="warning" id="performance-warning">${escapeHtml(p.warning)}</p>` : '',
    htmlTable({ id: 'performance', columns, rows }),
  ].join('\n');
}

/** The alerts that fired in the window, in the given order. */
export function alertsSection(alerts: ReportAlert[]): string {
  const rows = alerts.map((a) => ({
    cells: [a.time, { html: `<span class="badge ${a.severity ?? 'info'}">${a.severity ?? 'info'}</span>` }, a.rule, a.feature ?? '', a.message],
  }));
  const columns = [{ label: 'Time' }, { label: 'Severity' }, { label: 'Rule' }, { label: 'Feature' }, { label: 'Message' }];
  return `<h2>Alerts</h2>\n${alerts.length ? htmlTable({ id: 'alerts', columns, rows }) : '<p class="meta">No alerts fired in this window.</p>'}`;
}
