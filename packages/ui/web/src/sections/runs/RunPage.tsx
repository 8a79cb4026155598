import { useMemo, useState } from 'preact/hooks';
import { getJson, seg } from '../../lib/api';
import { getJsonIfChanged } from '../../lib/getJsonIfChanged';
import { fmtBytes, fmtDuration, fmtNum, fmtTime } from '../../lib/format';
import { LineChart } from '../../lib/LineChart';
import { href } from '../../lib/router';
import { ErrorBox, KeyValues, Panel } from '../../lib/Table';
import { useApi } from '../../lib/useApi';
import { usePolling } from '../../lib/usePolling';
import { RunLogs } from './RunLogs';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
interface RunDetail {
  run: {
    id: string;
    name: string | null;
    experiment: string;
    status: string;
    parentId: string | null;
    startedAt: number;
    endedAt: number | null;
    params: Record<string, Json>;
    metrics: Record<string, number | string>;
    tags: Record<string, string>;
    datasets: { name: string; digest: string; role: string; rows?: number | null }[];
    pipelineRunId: string | null;
    environment: { git: { commit: string; branch: string | null; dirty: boolean } | null; node: string; os: { platform: string; release: string; arch: string }; host: string; lockfileDigest: string | null; packages: Record<string, string>; configDigest: string | null } | null;
  };
  curves: Record<string, { step: number[]; value: (number | null)[] }>;
  artifacts: { name: string; digest: string; artifactId: string | null; size: number | null; serializer: string | null; previewable: boolean }[];
  datasetVersions: { name: string; version: number; role: string; digest: string | null; rows: number | null }[];
}

/** Nested params as dotted keys. */
export function flattenParams(value: Record<string, Json>, prefix = '', out: [string, string][] = []): [string, string][] {
  for (const [k, v] of Object.entries(value)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object' && !Array.isArray(v)) flattenParams(v as Record<string, Json>, key, out);
    else out.push([key, typeof v === 'string' ? v : JSON.stringify(v)]);
  }
  return out;
}

/** How often a running run's page asks for news (a 304 while nothing changed). */
const livePollMs = 2000;

/** A run: params, metrics, curves, artifacts with previews, datasets, environment, step logs; live while it runs. */
export function RunPage({ id }: { id: string }) {
  const { data, error, reload } = useApi(id, (signal) => getJsonIfChanged<RunDetail>(`runs/${seg(id)}`, {}, signal));
  const running = data?.run.status === 'running';
  usePolling(reload, livePollMs, running, id);
  if (error) return <ErrorBox error={error} />;
  if (!data) return <p class="muted">loading…</p>;
  const { run } = data;
  const env = run.environment;
  return (
    <div class="run" data-run={run.id} data-status={run.status}>
      <h1>
        Run <code id="run-id">{run.id}</code> {run.name ? <span class="muted">{run.name}</span> : null}
        {running ? <span class="live" id="run-live" title={`refreshed every ${livePollMs / 1000} s while it runs`}>live</span> : null}
        {run.pipelineRunId ? (
          <a class="button small" id="run-lineage" href={href('/lineage', { run: run.pipelineRunId })}>
            lineage
          </a>
        ) : null}
      </h1>
      <KeyValues
        id="run-summary"
        rows={[
          ['experiment', run.experiment],
          ['status', <span id="run-status" class={`status ${run.status}`}>{run.status}</span>],
          ['started', fmtTime(run.startedAt)],
          ['duration', fmtDuration(run.startedAt, run.endedAt)],
          ['parent', run.parentId ? <a href={href(`/runs/${run.parentId}`)}>{run.parentId}</a> : '–'],
          ...Object.entries(run.tags).map(([k, v]): [string, string] => [`tag ${k}`, v]),
        ]}
      />
      <div class="columns">
        <Panel title="Params" id="run-params">
          <KeyValues rows={flattenParams(run.params)} />
        </Panel>
        <Panel title="Metrics" id="run-metrics">
          <KeyValues rows={Object.entries(run.metrics).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, fmtNum(typeof v === 'number' ? v : Number(v))])} />
        </Panel>
      </div>
      <Panel title="Curves" id="run-curves">
        {Object.keys(data.curves).length ? (
          <div class="charts">
            {Object.entries(data.curves).map(([key, c]) => (
              <Curve key={key} name={key} curve={c} />
            ))}
          </div>
        ) : (
          <p class="muted">no metric was logged at more than one step</p>
        )}
      </Panel>
      <Panel title="Artifacts" id="run-artifacts">
        <Artifacts artifacts={data.artifacts} />
      </Panel>
      <Panel title="Datasets" id="run-datasets">
        <table class="grid">
          <thead>
            <tr>
              <th>role</th>
              <th>name</th>
              <th>version</th>
              <th>rows</th>
              <th>digest</th>
            </tr>
          </thead>
          <tbody>
            {data.datasetVersions.map((d) => (
              <tr key={`${d.role}${d.name}${d.version}`} data-dataset={`${d.name}@v${d.version}`}>
                <td>{d.role}</td>
                <td>{d.name}</td>
                <td>v{d.version}</td>
                <td class="num">{fmtNum(d.rows)}</td>
                <td>
                  <code>{d.digest ?? '–'}</code>
                </td>
              </tr>
            ))}
            {run.datasets.map((d) => (
              <tr key={`${d.role}${d.name}${d.digest}`}>
                <td>{d.role}</td>
                <td>{d.name}</td>
                <td>–</td>
                <td class="num">{fmtNum(d.rows ?? null)}</td>
                <td>
                  <code>{d.digest}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Panel>
      <Panel title="Logs" id="run-logs">
        <RunLogs id={run.id} running={running} />
      </Panel>
      <Panel title="Environment" id="run-environment">
        {env ? (
          <KeyValues
            rows={[
              ['git commit', env.git ? <code id="git-commit">{env.git.commit}</code> : 'not a git work tree'],
              ['git branch', env.git?.branch ?? '–'],
              ['dirty', env.git ? String(env.git.dirty) : '–'],
              ['node', env.node],
              ['os', `${env.os.platform} ${env.os.release} ${env.os.arch}`],
              ['host', env.host],
              ['lockfile', env.lockfileDigest ?? '–'],
              ['config', env.configDigest ?? '–'],
              ...Object.entries(env.packages).map(([k, v]): [string, string] => [k, v]),
            ]}
          />
        ) : (
          <p class="muted">not recorded</p>
        )}
      </Panel>
    </div>
  );
}

/** One curve; its series is rebuilt only when a poll brought new points, so the chart is not redrawn for nothing. */
function Curve({ name, curve }: { name: string; curve: RunDetail['curves'][string] }) {
  const series = useMemo(() => [{ label: name, step: curve.step, value: curve.value }], [name, curve]);
  return <LineChart title={name} series={series} />;
}

function Artifacts({ artifacts }: { artifacts: RunDetail['artifacts'] }) {
  const [open, setOpen] = useState<string | null>(null);
  return (
    <table class="grid">
      <thead>
        <tr>
          <th>name</th>
          <th>kind</th>
          <th>size</th>
          <th>digest</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {artifacts.map((a) => (
          <>
            <tr key={a.digest + a.name} data-artifact={a.name}>
              <td>{a.name}</td>
              <td>{a.serializer ?? '–'}</td>
              <td class="num">{fmtBytes(a.size)}</td>
              <td>
                <code title={a.digest}>{a.digest.slice(0, 19)}</code>
              </td>
              <td>{a.previewable && a.artifactId ? <button onClick={() => setOpen(open === a.artifactId ? null : a.artifactId)}>{open === a.artifactId ? 'hide' : 'preview'}</button> : null}</td>
            </tr>
            {open && open === a.artifactId ? (
              <tr key={`${a.artifactId}-preview`}>
                <td colSpan={5}>
                  <Preview id={a.artifactId} />
                </td>
              </tr>
            ) : null}
          </>
        ))}
      </tbody>
    </table>
  );
}

function Preview({ id }: { id: string }) {
  const { data, error } = useApi(id, (signal) => getJson<{ kind: string; text: string | null; reason?: string }>(`artifacts/${seg(id)}/preview`, {}, signal));
  if (error) return <ErrorBox error={error} />;
  if (!data) return <p class="muted">loading…</p>;
  return data.text === null ? <p class="muted">{data.reason}</p> : <pre class="preview" data-kind={data.kind}>{data.text}</pre>;
}
