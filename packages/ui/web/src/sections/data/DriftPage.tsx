import { getJson } from '../../lib/api';
import { fmtNum, fmtTime } from '../../lib/format';
import { LineChart } from '../../lib/LineChart';
import { href } from '../../lib/router';
import { ErrorBox, Panel } from '../../lib/Table';
import { useApi } from '../../lib/useApi';
import { AlertTable } from './AlertTable';
import type { AlertRecord, DriftOverTime, FeatureDrift } from './dataTypes';
import { Histogram } from './Histogram';

const ranges = ['1h', '6h', '24h', '7d'];

/**
 * A model's drift over time: each feature's statistic per window (drifted cells marked), the chosen
 * feature's statistic against its threshold, its reference and current histograms in the chosen
 * window, estimated (CBPE) and realized performance per window, and the model's alerts.
 */
export function DriftPage({ model, query }: { model: string; query: URLSearchParams }) {
  const range = query.get('range') || '24h';
  // `until` (epoch ms) pins the end of the range: a link that shows the same windows tomorrow.
  const until = query.get('until') ?? undefined;
  const { data, error } = useApi(`drift ${model} ${range} ${until}`, (signal) => getJson<DriftOverTime>('data/drift', { model, range, until, buckets: 12 }, signal));
  const name = model.replace(/[@:].*$/, '');
  const alerts = useApi(`alerts ${name}`, (signal) => getJson<{ alerts: AlertRecord[] }>('data/alerts', { model: name }, signal));
  const link = (q: Record<string, string | undefined>) => href(`/data/drift/${encodeURIComponent(model)}`, { range, until, feature: query.get('feature') ?? undefined, window: query.get('window') ?? undefined, ...q });
  if (error) return <ErrorBox error={error} />;
  if (!data) return <p class="muted">judging {model} over the last {range}…</p>;
  const buckets = data.buckets;
  const features = buckets[0]?.report.features.map((f) => f.name) ?? [];
  const lastWithRows = buckets.map((b, i) => (b.report.summary.currentRows > 0 ? i : -1)).filter((i) => i >= 0).pop() ?? buckets.length - 1;
  const chosenWindow = Math.min(buckets.length - 1, Number(query.get('window') ?? lastWithRows));
  const feature = query.get('feature') ?? buckets[chosenWindow]?.report.features.find((f) => f.drifted)?.name ?? features[0];
  const label = (i: number) => fmtTime(buckets[i]!.since).slice(11, 16);
  const at = (i: number, f: string): FeatureDrift | undefined => buckets[i]!.report.features.find((x) => x.name === f);
  const chosen = feature ? at(chosenWindow, feature) : undefined;
  const perf = buckets.map((b) => b.report.performance);
  const metricNames = [...new Set(perf.flatMap((p) => p?.metrics.map((m) => m.name) ?? []))];
  const steps = buckets.map((_, i) => i + 1);
  return (
    <div id="drift-page" data-model={model}>
      <h1>Drift of {model}</h1>
      <div class="toolbar">
        {ranges.map((r) => (
          <a key={r} class={r === range ? 'button active' : 'button'} href={link({ range: r, window: undefined })}>
            last {r}
          </a>
        ))}
        <span class="muted">
          {fmtTime(data.since)} – {fmtTime(data.until)}, {buckets.length} windows; version {String(buckets[0]?.report.summary.model.version ?? '–')}, {buckets[0]?.report.summary.referenceRows ?? 0} reference rows
        </span>
      </div>
      <Panel title="Drift statistic per feature and window (drifted cells marked)" id="drift-matrix">
        <table class="grid drift">
          <thead>
            <tr>
              <th>feature</th>
              {buckets.map((b, i) => (
                <th key={i} class={i === chosenWindow ? 'chosen' : ''}>
                  <a href={link({ window: String(i) })} title={`${fmtTime(b.since)} – ${fmtTime(b.until)}`}>
                    {label(i)}
                  </a>
                </th>
              ))}
            </tr>
            <tr class="rows">
              <th>rows</th>
              {buckets.map((b, i) => (
                <td key={i} class="num">
                  {b.report.summary.currentRows}
                </td>
              ))}
            </tr>
          </thead>
          <tbody>
            {features.map((f) => (
              <tr key={f} data-feature={f} class={f === feature ? 'chosen' : ''}>
                <th>
                  <a href={link({ feature: f })}>{f}</a>
                </th>
                {buckets.map((_, i) => {
                  const d = at(i, f);
                  return (
                    <td key={i} class={`num ${d?.drifted ? 'drifted' : ''}`} title={d?.skipped ?? `${d?.test} ${fmtNum(d?.statistic)} (threshold ${fmtNum(d?.threshold)})`}>
                      {d?.statistic === null || d === undefined ? '·' : fmtNum(Number(d.statistic.toPrecision(3)))}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </Panel>
      {feature ? (
        <div class="charts">
          <Panel title={`${feature} over time`} id="drift-feature">
            <LineChart
              title={`${feature} ${chosen?.test ?? ''} by window`}
              series={[
                { label: 'statistic', step: steps, value: buckets.map((_, i) => at(i, feature)?.statistic ?? null) },
                { label: 'threshold', step: steps, value: buckets.map((_, i) => at(i, feature)?.threshold ?? null) },
              ]}
            />
          </Panel>
          <Panel title={`${feature}: reference and window ${label(chosenWindow)}`} id="drift-histogram">
            {chosen ? <FeatureHistogram drift={chosen} /> : <p class="muted">no data</p>}
            {chosen ? (
              <p class="muted" id="drift-verdict">
                {chosen.test} {fmtNum(chosen.statistic)} against {fmtNum(chosen.threshold)}: {chosen.drifted ? 'drifted' : chosen.skipped ? `skipped (${chosen.skipped})` : 'no drift'}
              </p>
            ) : null}
          </Panel>
        </div>
      ) : null}
      <Panel title="Performance over time: estimated (CBPE) and realized" id="drift-performance">
        {metricNames.length ? (
          <div class="charts">
            {metricNames.map((m) => {
              const of = (k: 'estimated' | 'realized' | 'reference') => buckets.map((_, i) => perf[i]?.metrics.find((x) => x.name === m)?.[k] ?? null);
              return <LineChart key={m} title={m} series={[{ label: 'estimated (CBPE)', step: steps, value: of('estimated') }, { label: 'realized', step: steps, value: of('realized') }, { label: 'reference', step: steps, value: of('reference') }]} />;
            })}
          </div>
        ) : (
          <p class="muted">the monitor reports no performance for this model</p>
        )}
        {perf[chosenWindow]?.warning ? <p class="muted" id="performance-warning">{label(chosenWindow)}: {perf[chosenWindow]!.warning}</p> : null}
      </Panel>
      <Panel title="Alerts" id="drift-alerts">
        {alerts.error ? <ErrorBox error={alerts.error} /> : alerts.data ? <AlertTable alerts={alerts.data.alerts} /> : <p class="muted">loading…</p>}
      </Panel>
    </div>
  );
}

function FeatureHistogram({ drift }: { drift: FeatureDrift }) {
  const h = drift.histogram;
  const labels = h.kind === 'numeric' ? h.reference.map((_, i) => fmtNum(Number(h.edges[i]!.toPrecision(3)))) : h.categories;
  return (
    <>
      <Histogram id="feature-histogram" labels={labels} end={h.kind === 'numeric' ? fmtNum(Number(h.edges[h.edges.length - 1]!.toPrecision(3))) : undefined} sides={[{ name: 'reference', values: h.reference, color: '#9ca3af' }, { name: 'current', values: h.current, color: '#2563eb' }]} />
      <p class="legend">
        <span class="swatch reference" /> reference <span class="swatch current" /> window
      </p>
    </>
  );
}
