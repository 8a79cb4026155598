import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { getJsonIfChanged } from '../../lib/getJsonIfChanged';
import { fmtDuration, fmtNum, fmtTime, shortId } from '../../lib/format';
import { href, navigate } from '../../lib/router';
import { ErrorBox } from '../../lib/Table';
import { useApi } from '../../lib/useApi';
import { usePolling } from '../../lib/usePolling';
import { aggregates, columnSortField, nextSort, readRunsQuery, runsQueryParams, sortDirection, splitColumn, type RunsQuery } from './runsQuery';

interface RunRow {
  id: string;
  name: string | null;
  experiment: string;
  status: string;
  startedAt: number;
  endedAt: number | null;
  columns: Record<string, number | null>;
}
interface RunsResponse {
  total: number;
  offset: number;
  limit: number;
  runs: RunRow[];
  columns: string[];
  metricKeys: string[];
}

/** The runs table: the tracker's filter, sorting by any column, server-side pages, metric columns. */
export function RunsPage({ query }: { query: URLSearchParams }) {
  const q = readRunsQuery(query);
  const params = runsQueryParams(q);
  const key = JSON.stringify(params);
  const startedAt = useMemo(() => performance.now(), [key]);
  const { data, error, loadedKey, reload } = useApi(key, (signal) => getJsonIfChanged<RunsResponse>('runs', params, signal));
  const loaded = data && !error ? loadedKey : '';
  // While a run on this page runs, its status and metric columns are refreshed (a 304 while nothing changed).
  usePolling(reload, 5000, !!data?.runs.some((r) => r.status === 'running'), key);
  const timing = useRef<HTMLSpanElement>(null);
  // How long this interaction took, from the URL change to the rows on screen (shown and tested).
  useLayoutEffect(() => {
    if (loaded && timing.current) timing.current.textContent = `${Math.round(performance.now() - startedAt)} ms`;
  }, [loaded]);
  const go = (patch: Partial<RunsQuery>) => navigate('/runs', runsQueryParams({ ...q, ...patch }));
  const [selected, setSelected] = useState<string[]>([]);

  return (
    <div class="runs">
      <FilterBar filter={q.filter} onApply={(filter) => go({ filter, offset: 0 })} />
      {error ? <ErrorBox error={error} /> : null}
      <div class="toolbar">
        <Pager q={q} total={data?.total} onPage={(offset) => go({ offset })} onLimit={(limit) => go({ limit, offset: 0 })} />
        <span class="muted" id="runs-timing" ref={timing} />
        <a class={`button${selected.length < 2 ? ' disabled' : ''}`} id="compare-selected" href={selected.length >= 2 ? href('/compare', { ids: selected.join(',') }) : undefined}>
          Compare {selected.length || ''}
        </a>
        <AddColumn keys={data?.metricKeys ?? []} onAdd={(id) => !q.metrics.includes(id) && go({ metrics: [...q.metrics, id] })} />
      </div>
      <table class="grid" id="runs-table" data-query={loaded} data-total={data?.total}>
        <thead>
          <tr>
            <th />
            <SortHeader label="run" field="id" q={q} go={go} />
            <SortHeader label="name" field="name" q={q} go={go} />
            <SortHeader label="experiment" field="experiment" q={q} go={go} />
            <SortHeader label="status" field="status" q={q} go={go} />
            <SortHeader label="started" field="startedAt" q={q} go={go} first="desc" />
            <th>duration</th>
            {q.metrics.map((id) => (
              <MetricHeader key={id} id={id} q={q} go={go} />
            ))}
          </tr>
        </thead>
        <tbody>
          {(data?.runs ?? []).map((r) => (
            <tr key={r.id} data-run={r.id}>
              <td>
                <input type="checkbox" aria-label={`select ${r.id}`} checked={selected.includes(r.id)} onChange={(e) => setSelected((s) => ((e.target as HTMLInputElement).checked ? [...s, r.id] : s.filter((x) => x !== r.id)))} />
              </td>
              <td title={r.id}>
                <a href={href(`/runs/${r.id}`)}>{shortId(r.id)}</a>
              </td>
              <td>{r.name ?? ''}</td>
              <td>{r.experiment}</td>
              <td class={`status ${r.status}`}>{r.status}</td>
              <td>{fmtTime(r.startedAt)}</td>
              <td>{fmtDuration(r.startedAt, r.endedAt)}</td>
              {q.metrics.map((id) => (
                <td key={id} class="num" data-col={id}>
                  {fmtNum(r.columns[id])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {data && !data.runs.length ? <p class="muted">no runs match</p> : null}
    </div>
  );
}

function FilterBar({ filter, onApply }: { filter: string; onApply: (f: string) => void }) {
  const [text, setText] = useState(filter);
  useLayoutEffect(() => setText(filter), [filter]);
  return (
    <form
      class="filter"
      onSubmit={(e) => {
        e.preventDefault();
        // The field's own value: a state update from the last keystroke may not have rendered yet.
        onApply(((e.currentTarget as HTMLFormElement).elements.namedItem('filter') as HTMLInputElement).value.trim());
      }}
    >
      <input id="runs-filter" name="filter" value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)} placeholder={'filter, e.g. metrics.train.rocAuc > 0.99 and params.seed = 7 and status = "succeeded"'} spellcheck={false} />
      <button type="submit">Filter</button>
    </form>
  );
}

function SortHeader({ label, field, q, go, first = 'asc' }: { label: string; field: string; q: RunsQuery; go: (p: Partial<RunsQuery>) => void; first?: 'asc' | 'desc' }) {
  const dir = sortDirection(q.sort, field);
  return (
    <th class="sortable" data-sort={dir} onClick={() => go({ sort: nextSort(q.sort, field, first), offset: 0 })}>
      {label} {dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : ''}
    </th>
  );
}

/** A metric column: the latest value, or min/max/best over the curve; sorted on the server either way. */
function MetricHeader({ id, q, go }: { id: string; q: RunsQuery; go: (p: Partial<RunsQuery>) => void }) {
  const { key, aggregate } = splitColumn(id);
  const field = columnSortField(key, aggregate);
  const dir = sortDirection(q.sort, field);
  const replace = (next: string | null) => go({ metrics: q.metrics.flatMap((m) => (m === id ? (next ? [next] : []) : [m])) });
  return (
    <th class="metric" data-col={id}>
      <span class="sortable" data-sort={dir} title={`sort by ${field}`} onClick={() => go({ sort: nextSort(q.sort, field, 'desc'), offset: 0 })}>
        {key} {dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : ''}
      </span>
      <select aria-label={`aggregate of ${key}`} value={aggregate} onChange={(e) => replace(`${key}:${(e.target as HTMLSelectElement).value}`)}>
        {aggregates.map((a) => (
          <option value={a}>{a}</option>
        ))}
      </select>
      <button class="link" aria-label={`remove ${key}`} onClick={() => replace(null)}>
        ×
      </button>
    </th>
  );
}

function AddColumn({ keys, onAdd }: { keys: string[]; onAdd: (id: string) => void }) {
  const [key, setKey] = useState('');
  const [agg, setAgg] = useState('last');
  return (
    <span class="add-column">
      <select id="add-metric" value={key} onChange={(e) => setKey((e.target as HTMLSelectElement).value)}>
        <option value="">metric column…</option>
        {keys.map((k) => (
          <option value={k}>{k}</option>
        ))}
      </select>
      <select id="add-aggregate" value={agg} onChange={(e) => setAgg((e.target as HTMLSelectElement).value)}>
        {aggregates.map((a) => (
          <option value={a}>{a}</option>
        ))}
      </select>
      <button id="add-column" disabled={!key} onClick={() => key && onAdd(`${key}:${agg}`)}>
        Add
      </button>
    </span>
  );
}

function Pager({ q, total, onPage, onLimit }: { q: RunsQuery; total: number | undefined; onPage: (offset: number) => void; onLimit: (limit: number) => void }) {
  const end = total === undefined ? q.offset + q.limit : Math.min(total, q.offset + q.limit);
  return (
    <span class="pager">
      <button id="page-prev" disabled={q.offset === 0} onClick={() => onPage(Math.max(0, q.offset - q.limit))}>
        ‹ prev
      </button>
      <span id="page-range">{total === undefined ? '…' : total === 0 ? '0 runs' : `${(q.offset + 1).toLocaleString('en')}–${end.toLocaleString('en')} of ${total.toLocaleString('en')}`}</span>
      <button id="page-next" disabled={total === undefined || end >= total} onClick={() => onPage(q.offset + q.limit)}>
        next ›
      </button>
      <select id="page-size" value={q.limit} onChange={(e) => onLimit(Number((e.target as HTMLSelectElement).value))}>
        {[25, 50, 100, 200].map((n) => (
          <option value={n}>{n} per page</option>
        ))}
      </select>
    </span>
  );
}
