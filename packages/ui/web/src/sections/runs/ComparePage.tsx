import { useState } from 'preact/hooks';
import { getJson } from '../../lib/api';
import { fmtNum, fmtTime, shortId } from '../../lib/format';
import { LineChart } from '../../lib/LineChart';
import { href } from '../../lib/router';
import { ErrorBox, Panel } from '../../lib/Table';
import { useApi } from '../../lib/useApi';

interface CompareRow {
  key: string;
  values: (string | null)[];
  differs: boolean;
}
interface CompareResponse {
  runs: { id: string; name: string | null; experiment: string; status: string; startedAt: number }[];
  sections: Record<string, CompareRow[]>;
  curves: Record<string, { step: number; value: number | null }[][]>;
}

/** Two or more runs: overlaid curves, then params, metrics, datasets and environment side by side. */
export function ComparePage({ ids }: { ids: string }) {
  const { data, error } = useApi(ids, (signal) => getJson<CompareResponse>('compare', { ids }, signal));
  const [diffOnly, setDiffOnly] = useState(false);
  if (error) return <ErrorBox error={error} />;
  if (!data) return <p class="muted">loading…</p>;
  const label = (r: CompareResponse['runs'][number]) => `${shortId(r.id)}${r.name ? ` ${r.name}` : ''}`;
  return (
    <div class="compare">
      <h1>Compare {data.runs.length} runs</h1>
      <label class="toggle">
        <input type="checkbox" id="diff-only" checked={diffOnly} onChange={(e) => setDiffOnly((e.target as HTMLInputElement).checked)} /> differences only
      </label>
      <Panel title="Curves" id="compare-curves">
        {Object.keys(data.curves).length ? (
          <div class="charts">
            {Object.entries(data.curves).map(([key, series]) => (
              <LineChart key={key} title={key} series={series.map((points, i) => ({ label: label(data.runs[i]!), step: points.map((p) => p.step), value: points.map((p) => p.value) }))} />
            ))}
          </div>
        ) : (
          <p class="muted">no curve the runs share</p>
        )}
      </Panel>
      {Object.entries(data.sections).map(([section, rows]) => {
        const shown = diffOnly ? rows.filter((r) => r.differs) : rows;
        return (
          <Panel key={section} title={section[0]!.toUpperCase() + section.slice(1)} id={`compare-${section}`}>
            <table class="grid compare-table">
              <thead>
                <tr>
                  <th>{section}</th>
                  {data.runs.map((r) => (
                    <th key={r.id} title={r.id}>
                      <a href={href(`/runs/${r.id}`)}>{shortId(r.id)}</a>
                      <div class="muted">{fmtTime(r.startedAt)}</div>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {shown.map((row) => (
                  <tr key={row.key} class={row.differs ? 'differs' : ''} data-key={row.key}>
                    <th>{row.key}</th>
                    {row.values.map((v, i) => (
                      <td key={i} class={section === 'metrics' ? 'num' : undefined}>
                        {v === null ? '–' : section === 'metrics' ? fmtNum(Number(v)) : v}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
            {!shown.length ? <p class="muted">{diffOnly ? 'no differences' : 'none'}</p> : null}
          </Panel>
        );
      })}
    </div>
  );
}
