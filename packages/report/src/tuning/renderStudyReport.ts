import { escapeHtml } from '../html/escapeHtml';
import { formatCount, formatNumber, formatPercent } from '../html/formatNumber';
import { htmlTable } from '../html/htmlTable';
import { renderPage } from '../html/renderPage';
import type { StudyReportData } from './StudyReportData';
import { studyReportScript } from './studyReportScript';

const css = `
canvas{display:block;border:0;margin:4px 0}
.slices{display:grid;grid-template-columns:repeat(auto-fill,minmax(340px,1fr));gap:8px}
.bar{display:inline-block;height:10px;background:var(--ref);vertical-align:middle}
#history-readout{min-height:1.4em;font-variant-numeric:tabular-nums}
.key i{display:inline-block;width:10px;height:10px;margin:0 4px 0 12px}
`;

// Slice plots beyond this many parameters would make the page long, not more useful.
const maxSlices = 40;
const maxFrontRows = 200;
// The charts' mark for trials that violate a constraint (studyReportScript's INFEASIBLE).
const infeasibleColor = '#a06ebe';

/** JSON embedded in an inline script: `<` escaped so no value can close the script element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function paramText(v: unknown): string {
  return typeof v === 'number' ? formatNumber(v) : String(v);
}

/**
 * The study report as one self-contained HTML page: the facts and tables as HTML (readable without
 * script), the charts on canvases drawn by one inline script from the embedded data.
 */
export function renderStudyReport(data: StudyReportData): string {
  const { study, counts } = data;
  const total = data.trials.number.length;
  const multi = study.directions.length > 1;
  // Said in each chart's legend only when the study has trials that violate a constraint.
  const bad = data.trials.infeasible.length;
  const badKey = (how: string) => (bad ? `<span class="key infeasible-key"><i style="background:${infeasibleColor}"></i>${escapeHtml(`${formatCount(bad)} infeasible (a constraint violated): ${how}`)}</span>` : '');
  const sections: string[] = [];
  sections.push(`<h1>Study ${escapeHtml(study.name)}</h1>`);
  sections.push(`<p class="meta" id="study-meta">${escapeHtml(`${study.directions.join(', ')} · ${formatCount(total)} trials: ${formatCount(counts.complete)} complete, ${formatCount(counts.pruned)} pruned, ${formatCount(counts.fail)} failed, ${formatCount(counts.running)} running, ${formatCount(counts.waiting)} waiting`)}</p>`);
  if (data.best) {
    const params = Object.entries(data.best.params).map(([k, v]) => `${k}=${paramText(v)}`).join(', ');
    sections.push(`<div class="verdict ok" id="best">${escapeHtml(`Best trial ${data.best.number}: ${formatNumber(data.best.value)} (${params})`)}</div>`);
  } else if (data.paretoFront) {
    sections.push(`<div class="verdict ok" id="best">${escapeHtml(`Pareto front: ${data.paretoFront.length} trials`)}</div>`);
  } else sections.push('<div class="verdict bad" id="best">No complete trial yet</div>');

  sections.push('<h2>Optimisation history</h2>');
  sections.push(`<p class="meta">Each complete trial's ${multi ? 'first objective' : 'value'} (blue)${multi ? '' : ', and the best value so far (red)'}. Hover for a trial's values.${badKey('purple crosses, never the best')}</p>`);
  sections.push('<canvas id="history-canvas" width="1000" height="320"></canvas><p class="meta" id="history-readout"></p>');

  sections.push('<h2>Intermediate values</h2>');
  const shown = data.curves.shown.length;
  sections.push(`<p class="meta" id="curves-meta">${escapeHtml(data.curves.total === 0 ? 'No trial reported intermediate values.' : `Learning curves of ${formatCount(shown)} of ${formatCount(data.curves.total)} trials with intermediate values${shown < data.curves.total ? ' (an even spread by trial number, and the best trial)' : ''}:`)}<span class="key"><i style="background:var(--ref)"></i>complete<i style="background:var(--cur)"></i>pruned<i style="background:#999"></i>failed or running</span></p>`);
  if (data.curves.total > 0) sections.push('<canvas id="intermediate-canvas" width="1000" height="300"></canvas>');

  if (data.params.length > 0) {
    sections.push('<h2>Parallel coordinates</h2>');
    sections.push(`<p class="meta">One line per complete trial across ${multi ? 'the first objective' : 'the objective'} and every parameter, coloured by rank (blue best, orange worst); a conditional parameter a trial lacks breaks its line.${badKey('purple dashed lines, not ranked')}</p>`);
    sections.push('<canvas id="parallel-canvas" width="1000" height="340"></canvas>');
    sections.push('<h2>Slices</h2>');
    sections.push(`<p class="meta">${multi ? 'The first objective' : 'The objective'} against each parameter (later trials darker)${data.params.length > maxSlices ? `; the first ${maxSlices} of ${data.params.length} parameters` : ''}.${badKey('purple crosses')}</p>`);
    sections.push(`<div class="slices">${data.params.slice(0, maxSlices).map((p, j) => `<div class="slice"><h3>${escapeHtml(p.name)}</h3><canvas id="slice-${j}" width="480" height="240"></canvas></div>`).join('')}</div>`);
  }

  sections.push('<h2>Parameter importances</h2>');
  const imp = data.importances;
  if (imp) {
    sections.push(`<p class="meta" id="importance-method">${escapeHtml(`Method: ${imp.method}, ${imp.trees} trees on ${formatCount(imp.trials)} complete trials${multi ? ', first objective' : ''}. Shares sum to 100%.`)}</p>`);
    sections.push(htmlTable({ id: 'importance', columns: [{ label: 'Parameter' }, { label: 'Importance', numeric: true }, { label: '' }], rows: imp.values.map((v) => ({ cells: [v.name, formatPercent(v.importance), { html: `<span class="bar" style="width:${Math.round(v.importance * 300)}px"></span>` }] })) }));
  } else sections.push('<p class="meta" id="importance-method">Needs at least 4 complete trials and one parameter.</p>');

  if (data.paretoFront) {
    sections.push('<h2>Pareto front</h2>');
    sections.push(`<p class="meta">Complete trials by their first two objectives; the front (not dominated on all ${study.directions.length} objectives among the feasible ones) in red.${badKey('purple crosses, never on the front')}</p>`);
    sections.push('<canvas id="pareto-canvas" width="1000" height="360"></canvas>');
    sections.push(frontTable(data));
  } else sections.push(bestTable(data));

  const script = `var DATA = ${scriptJson(data)};\n${studyReportScript}`;
  return renderPage({ title: `Study ${study.name}`, body: sections.join('\n'), css, script });
}

// Trial i's params as "name=value" text, decoding categoricals.
function paramsOf(data: StudyReportData, i: number): string {
  return data.params
    .map((p, j) => {
      const v = data.trials.params[j]![i];
      return v === null || v === undefined ? undefined : `${p.name}=${paramText(p.kind === 'categorical' ? p.choices![v] : v)}`;
    })
    .filter(Boolean)
    .join(', ');
}

function bestTable(data: StudyReportData): string {
  const sign = data.study.directions[0] === 'maximize' ? -1 : 1;
  const v = data.trials.values[0]!;
  const top = data.trials.number.map((_, i) => i).filter((i) => data.trials.state[i] === 'complete' && v[i] !== null).sort((a, b) => sign * (v[a]! - v[b]!)).slice(0, 10);
  if (top.length === 0) return '';
  return `<h2>Best trials</h2>\n${htmlTable({ id: 'best-trials', columns: [{ label: 'Trial', numeric: true }, { label: 'Value', numeric: true }, { label: 'Params' }], rows: top.map((i) => ({ cells: [String(data.trials.number[i]), formatNumber(v[i]), paramsOf(data, i)] })) })}`;
}

function frontTable(data: StudyReportData): string {
  const index = new Map(data.trials.number.map((num, i) => [num, i]));
  const rows = data.paretoFront!.slice(0, maxFrontRows).map((num) => {
    const i = index.get(num)!;
    return { cells: [String(num), ...data.trials.values.map((col) => formatNumber(col[i])), paramsOf(data, i)] };
  });
  const columns = [{ label: 'Trial', numeric: true }, ...data.study.directions.map((d, k) => ({ label: `Objective ${k} (${d})`, numeric: true })), { label: 'Params' }];
  const more = data.paretoFront!.length > maxFrontRows ? `<p class="meta">First ${maxFrontRows} of ${data.paretoFront!.length} front trials.</p>` : '';
  return htmlTable({ id: 'pareto-trials', columns, rows }) + more;
}
