import { getJson } from '../../lib/api';
import { fmtNum } from '../../lib/format';
import { href } from '../../lib/router';
import { ErrorBox, KeyValues, Panel } from '../../lib/Table';
import { useApi } from '../../lib/useApi';
import type { Baseline, ColumnBaseline, ValidationCheck, ValidationSummary } from './dataTypes';
import { Histogram } from './Histogram';

/** One validation report: every check (failing first, as stored) and the baseline profile of each column. */
export function ValidationPage({ id }: { id: string }) {
  const { data, error } = useApi(`validation ${id}`, (signal) => getJson<{ summary: ValidationSummary; report: { checks: ValidationCheck[] }; baseline: Baseline | null }>(`data/validations/${id}`, {}, signal));
  if (error) return <ErrorBox error={error} />;
  if (!data) return <p class="muted">loading…</p>;
  const s = data.summary;
  return (
    <div>
      <h1>Validation {s.name}</h1>
      <KeyValues
        id="validation-summary"
        rows={[
          ['dataset', s.dataset ?? '–'],
          ['verdict', s.passed ? 'passed' : 'failed'],
          ['checks', `${s.summary.fail} failed, ${s.summary.warn} warnings, ${s.summary.pass} passed`],
          ['rows', `${s.rows.input ?? '–'} in, ${s.rows.output ?? '–'} out, ${s.rows.dropped ?? 0} dropped`],
          ['run', <a href={href(`/runs/${s.runId}`)}>{s.runId}</a>],
          ['checked at', s.checkedAt ?? '–'],
        ]}
      />
      <Panel title="Checks" id="validation-checks">
        <table class="grid">
          <thead>
            <tr>
              <th>status</th>
              <th>check</th>
              <th>column</th>
              <th>severity</th>
              <th class="num">bad rows</th>
              <th>message</th>
            </tr>
          </thead>
          <tbody>
            {data.report.checks.map((c, i) => (
              <tr key={i} class={`check ${c.status}`} data-check={`${c.check}${c.column ? `:${c.column}` : ''}`}>
                <td>{c.status}</td>
                <td>{c.check}</td>
                <td>{c.column ?? '–'}</td>
                <td>{c.severity}</td>
                <td class="num">{c.badCount ?? 0}</td>
                <td>{c.message ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Panel>
      <Panel title={`Baseline${data.baseline ? ` (${data.baseline.rowCount} rows${data.baseline.datasetDigest ? `, ${data.baseline.datasetDigest.slice(0, 19)}…` : ''})` : ''}`} id="validation-baseline">
        {data.baseline ? <BaselineTable baseline={data.baseline} /> : <p class="muted">the step stored no baseline</p>}
      </Panel>
    </div>
  );
}

function BaselineTable({ baseline }: { baseline: Baseline }) {
  return (
    <table class="grid" id="baseline-table">
      <thead>
        <tr>
          <th>column</th>
          <th>type</th>
          <th class="num">count</th>
          <th class="num">null rate</th>
          <th class="num">mean</th>
          <th class="num">std</th>
          <th class="num">min</th>
          <th class="num">max</th>
          <th>distribution</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(baseline.columns).map(([name, c]) => (
          <tr key={name} data-column={name}>
            <th>{name}</th>
            <td>{c.dtype}</td>
            <td class="num">{c.count}</td>
            <td class="num">{fmtNum(c.nullRate)}</td>
            <td class="num">{c.kind === 'numeric' ? fmtNum(c.mean) : '–'}</td>
            <td class="num">{c.kind === 'numeric' ? fmtNum(c.std) : '–'}</td>
            <td class="num">{c.kind === 'numeric' ? fmtNum(c.min) : '–'}</td>
            <td class="num">{c.kind === 'numeric' ? fmtNum(c.max) : '–'}</td>
            <td>{distribution(c)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function distribution(c: ColumnBaseline) {
  if (c.kind === 'numeric' && c.histogram.counts.length) {
    const edges = c.histogram.edges;
    return <Histogram width={220} height={48} end={fmtNum(edges[edges.length - 1]!)} labels={c.histogram.counts.map((_, i) => fmtNum(edges[i]!))} sides={[{ name: 'baseline', values: c.histogram.counts, color: '#2563eb' }]} />;
  }
  if (c.kind === 'categorical') return c.frequencies.slice(0, 5).map((f) => `${f.value} ${f.count}`).join(', ') + (c.otherCount ? `, other ${c.otherCount}` : '');
  return '';
}
