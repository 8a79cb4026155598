import { fmtDuration, fmtTime, shortId } from '../../lib/format';
import { getJsonIfChanged } from '../../lib/getJsonIfChanged';
import { href } from '../../lib/router';
import { ErrorBox, KeyValues, Panel } from '../../lib/Table';
import { useApi } from '../../lib/useApi';
import { usePolling } from '../../lib/usePolling';

interface Step {
  stepId: string;
  status: string;
  attempts: number;
  worker: string | null;
  startedAt: number | null;
  endedAt: number | null;
  error: string | null;
}
interface Run {
  id: string;
  pipeline: string;
  status: string;
  trigger: { kind: string; source: string; scheduledFor?: number };
  createdAt: number;
  startedAt: number | null;
  endedAt: number | null;
  error: string | null;
  steps: Step[];
}
interface Overview {
  queue: { jobs: Record<string, number>; runs: Record<string, number>; workers: { id: string; startedAt?: number }[] } | null;
  queueError?: string;
  schedules: { name: string; pipeline: string; cron: string; timeZone: string; catchUp: string; lastFiredFor: number | null; nextFireAt: number | null }[];
  runs: Run[];
}

const filters = ['', 'queued', 'running', 'failed', 'succeeded', 'cancelled'];

/** `#/orchestration?status=`: the queue, the schedules and the run history with each run's steps; live while runs are queued or running. */
export function OrchestrationPage({ query }: { query: URLSearchParams }) {
  const status = query.get('status') ?? '';
  const { data, error, reload, loadedKey } = useApi(status, (signal) => getJsonIfChanged<Overview>('orchestration', { status }, signal));
  const busy = !!data?.queue && ((data.queue.runs.queued ?? 0) > 0 || (data.queue.runs.running ?? 0) > 0);
  usePolling(reload, 3000, busy, status);
  if (error) return <ErrorBox error={error} />;
  if (!data) return <p class="muted">loading…</p>;
  return (
    <div class="orchestration">
      <h1>Orchestration {busy ? <span class="live">live</span> : null}</h1>
      <div class="columns">
        <Panel title="Queue" id="queue">
          {data.queue ? (
            <KeyValues
              rows={[
                ...Object.entries(data.queue.jobs).map(([k, v]): [string, string] => [`jobs ${k}`, String(v)]),
                ...Object.entries(data.queue.runs).map(([k, v]): [string, string] => [`runs ${k}`, String(v)]),
                ['workers', data.queue.workers.length ? data.queue.workers.map((w) => w.id).join(', ') : 'none connected'],
              ]}
            />
          ) : (
            <div class="error" id="queue-error">
              {data.queueError}
            </div>
          )}
        </Panel>
        <Panel title="Schedules" id="schedules">
          {data.schedules.length ? (
            <table class="grid">
              <thead>
                <tr>
                  <th>name</th>
                  <th>pipeline</th>
                  <th>cron</th>
                  <th>catch-up</th>
                  <th>last fired for</th>
                  <th>next</th>
                </tr>
              </thead>
              <tbody>
                {data.schedules.map((s) => (
                  <tr key={s.name} data-schedule={s.name}>
                    <td>{s.name}</td>
                    <td>{s.pipeline}</td>
                    <td>
                      <code>{s.cron}</code> {s.timeZone}
                    </td>
                    <td>{s.catchUp}</td>
                    <td>{fmtTime(s.lastFiredFor)}</td>
                    <td>{fmtTime(s.nextFireAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p class="muted">no schedules configured (plugins.orchestrator.options.schedules)</p>
          )}
        </Panel>
      </div>
      <Panel title="Runs" id="orchestrated-runs">
        <p class="toolbar">
          {filters.map((f) => (
            <a key={f} href={href('/orchestration', { status: f })} class={`button${f === status ? ' active' : ''}`} data-filter={f || 'all'}>
              {f || 'all'}
            </a>
          ))}
        </p>
        <table class="grid" id="orchestrated-runs-table" data-status={loadedKey === status ? status || 'all' : ''}>
          <thead>
            <tr>
              <th>run</th>
              <th>pipeline</th>
              <th>status</th>
              <th>trigger</th>
              <th>created</th>
              <th>duration</th>
              <th>steps</th>
            </tr>
          </thead>
          <tbody>
            {data.runs.map((r) => (
              <RunRow key={r.id} run={r} />
            ))}
          </tbody>
        </table>
        {data.runs.length ? null : <p class="muted">no {status || ''} runs</p>}
      </Panel>
    </div>
  );
}

function RunRow({ run }: { run: Run }) {
  const done = run.steps.filter((s) => s.status === 'succeeded').length;
  return (
    <tr data-orchestrated-run={run.id} data-status={run.status}>
      <td title={run.id}>
        <a href={href(`/runs/${run.id}`)}>{shortId(run.id)}</a>
      </td>
      <td>{run.pipeline}</td>
      <td class={`status ${run.status}`}>{run.status}</td>
      <td>
        {run.trigger.kind} <span class="muted">{run.trigger.source}</span>
      </td>
      <td>{fmtTime(run.createdAt)}</td>
      <td>{run.startedAt ? fmtDuration(run.startedAt, run.endedAt) : '–'}</td>
      <td>
        <details>
          <summary class="steps-summary">
            {done}/{run.steps.length} succeeded{run.error ? <span class="run-error"> · {run.error.split('\n')[0]}</span> : null}
          </summary>
          <table class="grid steps">
            <tbody>
              {run.steps.map((s) => (
                <tr key={s.stepId} data-step={s.stepId}>
                  <td>{s.stepId}</td>
                  <td class={`status ${s.status}`}>{s.status}</td>
                  <td>{s.attempts} attempt{s.attempts === 1 ? '' : 's'}</td>
                  <td class="muted">{s.worker ?? ''}</td>
                  <td>{s.startedAt ? fmtDuration(s.startedAt, s.endedAt) : '–'}</td>
                  <td class="step-error">{s.error ? s.error.split('\n')[0] : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </td>
    </tr>
  );
}
