import { getJson } from '../../lib/api';
import { fmtTime, shortId } from '../../lib/format';
import { href } from '../../lib/router';
import { ErrorBox, Panel } from '../../lib/Table';
import { useApi } from '../../lib/useApi';
import type { LineageGraph, LineageNode } from '../../../../src/sections/lineage/LineageGraph';
import { LineageGraphView } from './LineageGraphView';

interface LineageIndex {
  runs: { id: string; pipeline: string; status: string; startedAt: number }[];
  models: { name: string; version: number; runId: string | null; aliases: string[]; createdAt: number }[];
  datasets: { name: string; version: number; rows: number; digest: string; runId: string | null; createdAt: number }[];
}
const kinds: [LineageNode['kind'], string][] = [
  ['dataset', 'dataset version'],
  ['step', 'step run'],
  ['artifact', 'artifact'],
  ['model', 'model version'],
  ['alias', 'alias'],
];

/** `#/lineage`: where to start; `#/lineage?run=ID`, `?model=NAME&version=N`, `?dataset=NAME&version=N`: the graph around it. */
export function LineagePage({ query }: { query: URLSearchParams }) {
  const anchor = ['run', 'model', 'dataset', 'version'].map((k) => [k, query.get(k) ?? undefined] as const).filter(([, v]) => v);
  return anchor.length ? <GraphPage query={Object.fromEntries(anchor)} /> : <IndexPage />;
}

function title(q: Record<string, string | undefined>): string {
  if (q.run) return `pipeline run ${q.run}`;
  if (q.model) return `model ${q.model}${q.version ? ` v${q.version}` : ''}`;
  return `dataset ${q.dataset}${q.version ? `@v${q.version}` : ''}`;
}

function GraphPage({ query }: { query: Record<string, string | undefined> }) {
  const key = JSON.stringify(query);
  const { data, error, loadedKey } = useApi(key, (signal) => getJson<LineageGraph>('lineage/graph', query, signal));
  if (error) return <ErrorBox error={error} />;
  if (!data || loadedKey !== key) return <p class="muted">loading…</p>;
  return (
    <div class="lineage-page">
      <h1>
        Lineage of <span id="lineage-title">{title(query)}</span>
      </h1>
      <p class="legend">
        {kinds.map(([k, label]) => (
          <span key={k} class={`key ${k}`}>
            {label}
          </span>
        ))}{' '}
        <span class="muted">
          runs drawn:{' '}
          {data.runs.map((id) => (
            <a key={id} href={href(`/runs/${id}`)} class="run-link">
              {shortId(id)}{' '}
            </a>
          ))}
          {data.truncated ? ' (more runs or nodes left out)' : ''}
        </span>
      </p>
      <div class="panel graph-panel">{data.nodes.length ? <LineageGraphView nodes={data.nodes} edges={data.edges} focus={data.focus} /> : <p class="muted">nothing recorded about it</p>}</div>
    </div>
  );
}

function IndexPage() {
  const { data, error } = useApi('lineage', (signal) => getJson<LineageIndex>('lineage', {}, signal));
  if (error) return <ErrorBox error={error} />;
  if (!data) return <p class="muted">loading…</p>;
  return (
    <div class="lineage-index">
      <h1>Lineage</h1>
      <p class="muted">Pick a model version, a dataset version or a run to see what it came from and what came of it.</p>
      <div class="columns">
        <Panel title="Model versions" id="lineage-models">
          <ul class="plain">
            {data.models.map((m) => (
              <li key={`${m.name}${m.version}`} data-model={`${m.name}@v${m.version}`}>
                <a href={href('/lineage', { model: m.name, version: m.version })}>
                  {m.name} v{m.version}
                </a>{' '}
                {m.aliases.map((a) => (
                  <span class="alias" key={a}>
                    @{a}
                  </span>
                ))}
                <span class="muted">{m.runId ? `run ${shortId(m.runId)}` : 'no run'}</span>
              </li>
            ))}
            {data.models.length ? null : <li class="muted">no model registered</li>}
          </ul>
        </Panel>
        <Panel title="Dataset versions" id="lineage-datasets">
          <ul class="plain">
            {data.datasets.map((d) => (
              <li key={`${d.name}${d.version}`} data-dataset={`${d.name}@v${d.version}`}>
                <a href={href('/lineage', { dataset: d.name, version: d.version })}>
                  {d.name}@v{d.version}
                </a>{' '}
                <span class="muted">
                  {d.rows} rows · <code>{d.digest.slice(0, 19)}</code>
                </span>
              </li>
            ))}
            {data.datasets.length ? null : <li class="muted">no dataset version registered</li>}
          </ul>
        </Panel>
      </div>
      <Panel title="Pipeline runs" id="lineage-runs">
        <ul class="plain">
          {data.runs.map((r) => (
            <li key={r.id} data-run={r.id}>
              <a href={href('/lineage', { run: r.id })}>{shortId(r.id)}</a> {r.pipeline} <span class={`status ${r.status}`}>{r.status}</span> <span class="muted">{fmtTime(r.startedAt)}</span>
            </li>
          ))}
        </ul>
      </Panel>
    </div>
  );
}
