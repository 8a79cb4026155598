import type { Lifecycle } from '../plugins/Lifecycle';
import type { Json } from '../storage/records';

/** What to do with schedule fire times that passed while no scheduler ran. */
export type CatchUpPolicy = 'skip' | 'once' | 'backfill';

/** Why a run was asked for; stored with the run (`mlops runs show`, run history). */
export interface RunTrigger {
  /**
   * `manual`: `mlops retrain` or a user's call; `schedule`: a cron fire time; `alert`: a monitor's
   * drift or performance alert; `dataset`: a new dataset version; `api`: any other plugin.
   */
  kind: 'manual' | 'schedule' | 'alert' | 'dataset' | 'api';
  /** Who asked: a user name, a schedule name, a plugin name (`monitor`). */
  source: string;
  /** The fire time a schedule trigger stands for (epoch ms); a backfilled run keeps its own. */
  scheduledFor?: number;
  /** Free-form context, e.g. the alert that asked for a retrain. */
  detail?: Json;
}

/** Asks the orchestrator for one run of a configured pipeline. */
export interface SubmitRunRequest {
  pipeline: string;
  params?: Record<string, unknown>;
  /**
   * A second submit with the same key returns the first run instead of starting another (a
   * schedule uses `<schedule>@<fire time>`, a monitor the alert's id). At most 200 characters.
   */
  idempotencyKey?: string;
  trigger?: RunTrigger;
  tags?: Record<string, string>;
}

export type OrchestratedRunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export type OrchestratedStepStatus = 'waiting' | 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/** One step of an orchestrated run, as the orchestrator's own state has it. */
export interface OrchestratedStep {
  stepId: string;
  status: OrchestratedStepStatus;
  /** Attempts started so far (1 on the first try). */
  attempts: number;
  /** Output name → artifact id, once the step succeeded (what downstream steps read). */
  outputs: Record<string, string>;
  /** The worker (host:pid) of the latest attempt. */
  worker: string | null;
  startedAt: number | null;
  endedAt: number | null;
  error: string | null;
}

/** One run in the orchestrator's history. Its id is also the run id in the metadata store. */
export interface OrchestratedRun {
  id: string;
  pipeline: string;
  params: Json;
  status: OrchestratedRunStatus;
  idempotencyKey: string | null;
  trigger: RunTrigger;
  tags: Record<string, string>;
  createdAt: number;
  startedAt: number | null;
  endedAt: number | null;
  error: string | null;
  steps: OrchestratedStep[];
}

/** What `submit` returns: the run, and whether this call created it (false: idempotency key seen before). */
export interface SubmitRunResult {
  run: OrchestratedRun;
  created: boolean;
}

export interface RunHistoryQuery {
  pipeline?: string;
  status?: OrchestratedRunStatus;
  /** Newest first; default 50. */
  limit?: number;
}

/** Queue depth and workers, for `mlops queue status`. */
export interface QueueStatus {
  /** Jobs by state (`waiting`, `active`, `delayed`, `failed`, ...), as the backend counts them. */
  jobs: Record<string, number>;
  /** Runs by status from the orchestrator's durable state. */
  runs: Partial<Record<OrchestratedRunStatus, number>>;
  workers: { id: string; startedAt?: number }[];
}

/** A schedule as the orchestrator keeps it: its definition and its last and next fire times. */
export interface ScheduleState {
  name: string;
  pipeline: string;
  cron: string;
  timeZone: string;
  catchUp: CatchUpPolicy;
  /** The latest fire time a run was submitted for (epoch ms), or null before the first. */
  lastFiredFor: number | null;
  nextFireAt: number | null;
}

/**
 * Runs pipelines on behalf of users, schedules and other plugins (`tokens.orchestrator`). State is
 * durable: a run submitted is in the orchestrator's history until it ends, whatever restarts between.
 * Other plugins trigger runs through `submit` with a `trigger` (a monitor: `{ kind: 'alert', source:
 * 'monitor', detail }`) and an idempotency key, so a repeated alert asks for one run only.
 */
export interface Orchestrator extends Lifecycle {
  /** Records the run and queues its first steps; returns at once (see `waitForRun`). */
  submit(request: SubmitRunRequest): Promise<SubmitRunResult>;
  getRun(id: string): Promise<OrchestratedRun | undefined>;
  listRuns(query?: RunHistoryQuery): Promise<OrchestratedRun[]>;
  /** Resolves when the run has ended (succeeded, failed or cancelled); rejects after `timeoutMs`. */
  waitForRun(id: string, options?: { timeoutMs?: number }): Promise<OrchestratedRun>;
  /** Stops a queued or running run: no further step starts; a running step's process is killed (ours do) or it finishes. */
  cancel(id: string): Promise<OrchestratedRun>;
  queueStatus(): Promise<QueueStatus>;
  schedules(): Promise<ScheduleState[]>;
  /**
   * Makes this process a worker (`mlops worker`): takes steps until the orchestrator is closed, each
   * in a child process that loads `configFile`. Absent on orchestrators that run steps elsewhere.
   */
  serveWorker?(options: { configFile: string; concurrency?: number }): Promise<void>;
  /**
   * Fires the configured schedules from this process (`mlops scheduler`) until closed, catching up per
   * policy first. An embedded orchestrator also runs the submitted steps here, in child processes that load `configFile`.
   */
  serveScheduler?(options?: { configFile: string; concurrency?: number }): Promise<void>;
  /**
   * True when steps run in a process of this orchestrator's own (`mlops scheduler`) rather than on
   * workers elsewhere: with none serving, `mlops retrain` runs the run in the foreground.
   */
  readonly embedded?: boolean;
}
