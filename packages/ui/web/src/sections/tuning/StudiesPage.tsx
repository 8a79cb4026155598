import { getJson } from '../../lib/api';
import { fmtNum } from '../../lib/format';
import { href } from '../../lib/router';
import { ErrorBox } from '../../lib/Table';
import { useApi } from '../../lib/useApi';
import type { StudySummary } from './studyTypes';

/** The tuner's studies with their trial counts and best value. */
export function StudiesPage() {
  const { data, error } = useApi('studies', (signal) => getJson<{ studies: StudySummary[] }>('studies', {}, signal));
  if (error) return <ErrorBox error={error} />;
  if (!data) return <p class="muted">loading…</p>;
  return (
    <div>
      <h1>Studies</h1>
      <table class="grid" id="studies-table">
        <thead>
          <tr>
            <th>study</th>
            <th>directions</th>
            <th class="num">complete</th>
            <th class="num">pruned</th>
            <th class="num">failed</th>
            <th class="num">running</th>
            <th class="num">best value</th>
          </tr>
        </thead>
        <tbody>
          {data.studies.map((s) => (
            <tr key={s.name} data-study={s.name}>
              <td>
                <a href={href(`/tuning/${encodeURIComponent(s.name)}`)}>{s.name}</a>
              </td>
              <td>{s.directions.join(', ')}</td>
              <td class="num">{s.counts.complete}</td>
              <td class="num">{s.counts.pruned}</td>
              <td class="num">{s.counts.fail}</td>
              <td class="num">{s.counts.running}</td>
              <td class="num">{s.directions.length === 1 ? fmtNum(s.bestValue) : 'Pareto front'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!data.studies.length ? <p class="muted">no study yet: run one with mlops tune run STUDY</p> : null}
    </div>
  );
}
