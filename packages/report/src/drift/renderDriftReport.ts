import { renderPage } from '../html/renderPage';
import type { DriftReportData } from './DriftReportData';
import { alertsSection, featureSection, headerSection, modelLabel, performanceSection, summarySection } from './driftSections';
import { validateDriftReport } from './validateDriftReport';

const legend = '<p class="legend"><span><i style="background:var(--ref)"></i>reference</span><span><i style="background:var(--cur)"></i>current</span></p>';

/**
 * The drift report as one self-contained HTML document: verdict and summary table first (drifted
 * features first, otherwise in the given order), then performance and alerts when given, then one
 * section per feature with its overlaid histograms. Validates `data` first (so any caller gets the
 * size bounds), escapes every text, and is deterministic: the same data gives the same bytes.
 */
export function renderDriftReport(data: DriftReportData): string {
  const valid = validateDriftReport(data);
  const title = valid.title ?? `Drift report: ${modelLabel(valid.summary.model)}`;
  const indexed = valid.features.map((feature, i) => ({ feature, id: `feature-${i}` }));
  const ordered = [...indexed.filter((x) => x.feature.drifted), ...indexed.filter((x) => !x.feature.drifted)];
  const body = [
    headerSection(valid, title),
    summarySection(ordered),
    valid.performance ? performanceSection(valid.performance) : '',
    valid.alerts ? alertsSection(valid.alerts) : '',
    `<h2>Features</h2>\n${legend}`,
    ...ordered.map(({ feature, id }) => featureSection(feature, id)),
  ].filter(Boolean);
  return renderPage({ title, body: body.join('\n') });
}
