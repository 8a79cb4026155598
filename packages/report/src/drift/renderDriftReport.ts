import { renderPage } from '../html/renderPage';
import type { DriftReportData } from './DriftReportData';
import { alertsSection, featureSection, headerSection, modelLabel, performanceSection, summarySection } from './driftSections';
import { validateDriftReport } from './validateDriftReport';

const legend = '<p class="legend"><span><i style="background:var(--ref)"></i>reference</span><span><i style="background:var(--cur)"></i>current</span></p>';

/**
 * The drift report as one self-contained HTML document: verdict and summary table first (drifted
 * features first, otherwise in the given order) and the outputs' table, then performance and
 * alerts when given, then one section per feature and per output with its overlaid histograms. Validates `data` first (so any caller gets the
 * size bounds), escapes every text, and is deterministic: the same data gives the same bytes.
 */
export function renderDriftReport(data: DriftReportData): string {
  const valid = validateDriftReport(data);
  const title = valid.title ?? `Drift report: ${modelLabel(valid.summary.model)}`;
  const indexed = valid.features.map((feature, i) => ({ feature, id: `feature-${i}` }));
  const ordered = driftedFirst(indexed);
  const outputs = driftedFirst((valid.outputs ?? []).map((feature, i) => ({ feature, id: `output-${i}` })));
  const body = [
    headerSection(valid, title),
    summarySection(ordered),
    outputs.length ? summarySection(outputs, { id: 'outputs', heading: 'Outputs (prediction distribution)', first: 'Output' }) : '',
    valid.performance ? performanceSection(valid.performance) : '',
    valid.alerts ? alertsSection(valid.alerts) : '',
    `<h2>Features</h2>\n${legend}`,
    ...ordered.map(({ feature, id }) => featureSection(feature, id)),
    outputs.length ? '<h2>Outputs</h2>' : '',
    ...outputs.map(({ feature, id }) => featureSection(feature, id)),
  ].filter(Boolean);
  return renderPage({ title, body: body.join('\n') });
}

function driftedFirst<T extends { feature: { drifted: boolean } }>(items: T[]): T[] {
  return [...items.filter((x) => x.feature.drifted), ...items.filter((x) => !x.feature.drifted)];
}
