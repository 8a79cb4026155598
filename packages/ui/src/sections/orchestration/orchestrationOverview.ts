import type { OrchestratedRun, OrchestratedRunStatus, QueueStatus, ScheduleState } from '@mlops/core';
import { badParam } from '../../errors';
import { intParam } from '../../http/queryParams';
import type { UiRequest, UiServices } from '../../UiSection';

const statuses: readonly OrchestratedRunStatus[] = ['queued', 'running', 'succeeded', 'failed', 'cancelled'];

/**
 * `GET /api/orchestration?status=&pipeline=&limit=`: the queue (jobs by state as the backend counts
 * them — BullMQ's or the local database's —, runs by status, workers), the schedules with their
 * last and next fire times, and the run history newest first with each run's steps. Read through
 * core's `Orchestrator` contract only, so it shows whichever orchestrator plugin is configured.
 */
export async function orchestrationOverview(services: UiServices, req: UiRequest): Promise<{ queue: QueueStatus; schedules: ScheduleState[]; runs: OrchestratedRun[] }> {
  const orchestrator = services.orchestrator!;
  const status = req.query.get('status') || undefined;
  if (status !== undefined && !statuses.includes(status as OrchestratedRunStatus)) throw badParam('status', statuses.join(', '), status);
  const limit = intParam(req.query, 'limit', 50, 1, 500);
  const pipeline = req.query.get('pipeline') || undefined;
  const [queue, schedules, runs] = await Promise.all([orchestrator.queueStatus(), orchestrator.schedules(), orchestrator.listRuns({ status: status as OrchestratedRunStatus | undefined, pipeline, limit })]);
  return { queue, schedules, runs };
}
