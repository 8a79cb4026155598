import { getJson } from '../../lib/api';
import { fmtTime, shortId } from '../../lib/format';
import { href } from '../../lib/router';
import { ErrorBox, Panel } from '../../lib/Table';
import { useApi } from '../../lib/useApi';
import { AlertTable } from './AlertTable';
import type { AlertRecord, DataOverview, ValidationSummary } from './dataTypes';

/** Validation reports of the runs, the monitored models (drift over time) and the alert history. */
export function DataPage() {
  const { data, error } = useApi('data', (signal) => getJson<DataOverview>('data', {}, signal));
  if (error) return <ErrorBox error={error} />;
  if (!data) return <p class="muted">loading…</p>;
  return (
    <div>
      <h1>Data</h1>
      {data.validation ? <ValidationPanel /> : null}
      {data.monitor ? (
        <>
          <Panel title="Drift over time" id="drift-models">
            {data.models.length ? (
              <ul>
                {data.models.map((m) => (
                  <li key={m.name}>
                    <a href={href(`/data/drift/${encodeURIComponent(m.name)}`)}>{m.name}</a>{' '}
                    {Object.entries(m.aliases).map(([a, v]) => (
                      <a key={a} class="alias" href={href(`/data/drift/${encodeURIComponent(`${m.name}@${a}`)}`)}>
                        @{a} → v{v}
                      </a>
                    ))}
                  </li>
                ))}
              </ul>
            ) : (
              <p class="muted">no registered model to monitor</p>
            )}
          </Panel>
          <AlertPanel />
        </>
      ) : null}
    </div>
  );
}

function ValidationPanel() {
  const { data, error } = useApi('validations', (signal) => getJson<{ reports: ValidationSummary[] }>('data/validations', {}, signal));
  return (
    <Panel title="Validation reports" id="validations">
      {error ? <ErrorBox error={error} /> : !data ? <p class="muted">loading…</p> : !data.reports.length ? <p class="muted">no validation report yet</p> : (
        <table class="grid" id="validations-table">
          <thead>
            <tr>
              <th>report</th>
              <th>dataset</th>
              <th>run</th>
              <th>verdict</th>
              <th class="num">failed</th>
              <th class="num">warnings</th>
              <th class="num">passed</th>
              <th class="num">rows in → out</th>
              <th>checked</th>
            </tr>
          </thead>
          <tbody>
            {data.reports.map((r) => (
              <tr key={r.id} data-report={r.id}>
                <td>
                  <a href={href(`/data/validation/${r.id}`)}>{r.name}</a>
                </td>
                <td>{r.dataset ?? '–'}</td>
                <td>
                  <a href={href(`/runs/${r.runId}`)} title={r.runId}>
                    {shortId(r.runId)}
                  </a>
                </td>
                <td class={r.passed ? 'status succeeded' : 'status failed'}>{r.passed ? 'passed' : 'failed'}</td>
                <td class="num">{r.summary.fail}</td>
                <td class="num">{r.summary.warn}</td>
                <td class="num">{r.summary.pass}</td>
                <td class="num">
                  {r.rows.input ?? '–'} → {r.rows.output ?? '–'}
                </td>
                <td>{r.checkedAt ?? fmtTime(r.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

function AlertPanel() {
  const { data, error } = useApi('alerts', (signal) => getJson<{ alerts: AlertRecord[] }>('data/alerts', {}, signal));
  return <Panel title="Alert history" id="alert-history">{error ? <ErrorBox error={error} /> : !data ? <p class="muted">loading…</p> : <AlertTable alerts={data.alerts} />}</Panel>;
}
