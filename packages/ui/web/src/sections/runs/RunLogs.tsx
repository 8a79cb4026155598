import { seg } from '../../lib/api';
import { fmtDuration } from '../../lib/format';
import { getJsonIfChanged } from '../../lib/getJsonIfChanged';
import { ErrorBox } from '../../lib/Table';
import { useApi } from '../../lib/useApi';
import { usePolling } from '../../lib/usePolling';
import type { StepLog } from '../../../../src/sections/runs/StepLog';

/** The run's step logs (what each step wrote with `ctx.log`), refreshed while the run runs. */
export function RunLogs({ id, running }: { id: string; running: boolean }) {
  const { data, error, reload } = useApi(`logs ${id}`, (signal) => getJsonIfChanged<{ pipelineRunId: string | null; steps: StepLog[] }>(`runs/${seg(id)}/logs`, {}, signal));
  usePolling(reload, 2000, running, id);
  if (error) return <ErrorBox error={error} />;
  if (!data) return <p class="muted">loading…</p>;
  if (!data.pipelineRunId) return <p class="muted">not a pipeline run: no step logs</p>;
  if (!data.steps.length) return <p class="muted">no step has started yet</p>;
  return (
    <div class="logs">
      {data.steps.map((s) => (
        <details key={s.stepRunId} data-step={s.step} open={s.status !== 'cached' && (!!s.logs || !!s.error)}>
          <summary>
            <b>{s.step}</b> <span class={`status ${s.status}`}>{s.status}</span> <span class="muted">{fmtDuration(s.startedAt, s.endedAt)}</span>
          </summary>
          {s.cachedFrom ? <p class="muted">cached: reused the outputs (and the log) of step run {s.cachedFrom}</p> : null}
          {s.status === 'running' ? <p class="muted">running: the step's log is stored when it ends</p> : null}
          {s.logs ? <pre class="log">{s.logs}</pre> : null}
          {s.error ? <pre class="log error">{s.error}</pre> : null}
        </details>
      ))}
    </div>
  );
}
