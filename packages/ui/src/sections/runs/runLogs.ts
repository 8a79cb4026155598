import { UiError, uiErrorCodes } from '../../errors';
import type { UiServices } from '../../UiSection';
import type { StepLog } from './StepLog';


/** A log is cut to its last lines beyond this size, so a chatty step cannot make the page heavy. */
export const maxLogChars = 256 * 1024;

/**
 * `GET /api/runs/:id/logs`: the step logs of the tracked run's pipeline run, in start order, from the
 * metadata store (`mlops runs show ID --logs` reads the same). A run that is not a pipeline run (a
 * tuning trial, a run logged through the tracker's API) has no step logs: `pipelineRunId` is null.
 */
export async function runLogs(services: UiServices, ref: string): Promise<{ pipelineRunId: string | null; steps: StepLog[] }> {
  const run = await services.tracker!.getRun(ref);
  if (!run) throw new UiError(uiErrorCodes.notFound, `no tracked run "${ref}"`, { path: 'id', received: ref });
  const pipelineRunId = run.pipelineRunId;
  if (!pipelineRunId || !services.metadata) return { pipelineRunId: null, steps: [] };
  const steps = await services.metadata.listStepRuns(pipelineRunId);
  return {
    pipelineRunId,
    steps: steps.map((s) => ({
      stepRunId: s.id,
      step: s.step,
      status: s.status,
      startedAt: s.startedAt,
      endedAt: s.endedAt,
      logs: s.logs.length > maxLogChars ? `… (${s.logs.length - maxLogChars} earlier characters left out)\n${s.logs.slice(-maxLogChars)}` : s.logs,
      error: s.error,
      cachedFrom: s.cachedFrom,
    })),
  };
}
