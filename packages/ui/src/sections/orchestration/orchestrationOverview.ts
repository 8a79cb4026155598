import type { OrchestratedRun, OrchestratedRunStatus, QueueStatus, ScheduleState } from '@mlops/core';
import { badParam } from '../../errors';
import { intParam } from '../../http/queryParams';
import type { UiRequest, UiServices } from '../../UiSection';

const statuses: readonly OrchestratedRunStatus[] = ['queued', 'running', 'succeeded', 'failed', 'cancelled'];
/** BullMQ's counts wait for Redis while it is down; the page shows the run history without them. */
export const queueStatusTimeoutMs = 3000;

async function queueStatusWithin(services: UiServices, ms: number): Promise<{ queue: QueueStatus | null; queueError?: string }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`the orchestrator's queue did not answer within ${ms} ms (is its Redis reachable?)`)), ms)));
  try {
    return { queue: await Promise.race([services.orchestrator!.queueStatus(), late]) };
  } catch (error) {
    return { queue: null, queueError: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `GET /api/orchestration?status=&pipeline=&limit=`: the queue (jobs by state as the backend counts
 * them — BullMQ's or the local database's —, runs by status, workers), the schedules with their
 * last and next fire times, and the run history newest first with each run's steps. Read through
 * core's `Orchestrator` contract only, so it shows whichever orchestrator plugin is configured. A
 * queue that does not answer in time (BullMQ with its Redis down) is `queue: null` with `queueError`.
 */
export async function orchestrationOverview(services: UiServices, req: UiRequest): Promise<{ queue: QueueStatus | null; queueError?: string; schedules: ScheduleState[]; runs: OrchestratedRun[] }> {
  const orchestrator = services.orchestrator!;
  const status = req.query.get('status') || undefined;
  if (status !== undefined && !statuses.includes(status as OrchestratedRunStatus)) throw badParam('status', statuses.join(', '), status);
  const limit = intParam(req.query, 'limit', 50, 1, 500);
  const pipeline = req.query.get('pipeline') || undefined;
  const [queue, schedules, runs] = await Promise.all([queueStatusWithin(services, queueStatusTimeoutMs), orchestrator.schedules(), orchestrator.listRuns({ status: status as OrchestratedRunStatus | undefined, pipeline, limit })]);
  return { ...queue, schedules, runs };
}
