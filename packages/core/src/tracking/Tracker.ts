import type { Lifecycle } from '../plugins/Lifecycle';
import type { Json } from '../storage/records';

/** Where and with what a run ran; captured automatically at run start (`captureEnvironment`). */
export interface RunEnvironment {
  /** Null outside a git work tree or when git is not installed. */
  git: { commit: string; branch: string | null; dirty: boolean } | null;
  /** `process.version`, e.g. `v20.20.2`. */
  node: string;
  os: { platform: string; release: string; arch: string };
  host: string;
  /** sha256 of the project's lockfile (package-lock.json, pnpm-lock.yaml or yarn.lock), if found. */
  lockfileDigest: string | null;
  /** Versions of the packages that ran: core, the CLI and every configured plugin's package. */
  packages: Record<string, string>;
  /** sha256 of the resolved config. */
  configDigest: string | null;
}

/** A dataset a run read or wrote, by content digest (frames record theirs when serialized). */
export interface DatasetRef {
  /** Artifact name or file path. */
  name: string;
  /** `sha256:<hex>` of the content (a frame's dataset digest). */
  digest: string;
  role: 'input' | 'output';
  rows?: number | null;
  artifactId?: string | null;
}

/** An artifact attached to a tracked run (stored in the artifact store). */
export interface TrackedArtifact {
  name: string;
  digest: string;
  artifactId?: string | null;
}

export type TrackedRunStatus = 'running' | 'succeeded' | 'failed' | 'crashed' | 'pruned';

/** A tracked run: a pipeline run, a training job, or a tuning trial nested under its study. */
export interface TrackedRun {
  id: string;
  /** Runs group into experiments; a pipeline's runs use the pipeline name. */
  experiment: string;
  name: string | null;
  parentId: string | null;
  status: TrackedRunStatus;
  startedAt: number;
  endedAt: number | null;
  params: Record<string, Json>;
  /** Latest value of each metric. */
  metrics: Record<string, number>;
  tags: Record<string, string>;
  datasets: DatasetRef[];
  artifacts: TrackedArtifact[];
  environment: RunEnvironment | null;
  /** The pipeline run it belongs to (same id for a pipeline's own tracked run). */
  pipelineRunId: string | null;
}

/** Minimum, maximum and point count of one metric's curve (NaN points ignored; null when all are NaN). */
export interface MetricSummary {
  min: number | null;
  max: number | null;
  points: number;
}

/** One point of a metric curve. */
export interface MetricPoint {
  key: string;
  value: number;
  /** Iteration, epoch or boosting round; 0 for a final metric. */
  step: number;
  /** Epoch milliseconds. */
  timestamp: number;
}

export interface NewTrackedRun {
  /** Defaults to a new id; a pipeline passes its run id. */
  id?: string;
  experiment: string;
  name?: string | null;
  parentId?: string | null;
  params?: Record<string, Json>;
  tags?: Record<string, string>;
  environment?: RunEnvironment | null;
  pipelineRunId?: string | null;
  startedAt?: number;
}

/**
 * A search over runs. `filter` is a small expression language over `params.*`, `metrics.*`,
 * `tags.*` and the run's own fields (`status`, `experiment`, `name`, `startedAt`), e.g.
 * `metrics.rocAuc > 0.95 and params.train.maxDepth = 4 and tags.team = "risk"`.
 */
export interface RunSearchQuery {
  experiment?: string;
  filter?: string;
  /** `metrics.rocAuc desc`, `startedAt` (ascending unless `desc`); default newest first. */
  orderBy?: string;
  /** Only children of this run; `null` for top-level runs only. */
  parentId?: string | null;
  limit?: number;
  offset?: number;
}

export interface RunSearchResult {
  runs: TrackedRun[];
  /** Number of runs matching, ignoring limit and offset. */
  total: number;
}

/**
 * Experiment tracker. Params are immutable once logged (a second, different value throws); metrics
 * append points; tags overwrite. Implementations must be safe for several processes at once.
 */
export interface Tracker extends Lifecycle {
  startRun(run: NewTrackedRun): Promise<TrackedRun>;
  endRun(id: string, status: Exclude<TrackedRunStatus, 'running'>, endedAt?: number): Promise<void>;
  logParams(id: string, params: Record<string, Json>): Promise<void>;
  /** `step` defaults to 0 and `timestamp` to now. */
  logMetrics(id: string, points: { key: string; value: number; step?: number; timestamp?: number }[]): Promise<void>;
  setTags(id: string, tags: Record<string, string>): Promise<void>;
  logDatasets(id: string, datasets: DatasetRef[]): Promise<void>;
  logArtifacts(id: string, artifacts: TrackedArtifact[]): Promise<void>;
  /** By full id, unique prefix, or `latest`; an ambiguous prefix throws `NotFoundError`. */
  getRun(idOrPrefix: string): Promise<TrackedRun | undefined>;
  /** Every point of one metric, by step then timestamp. */
  metricHistory(id: string, key: string): Promise<MetricPoint[]>;
  /**
   * Summaries of the curves of many runs at once, `{ runId: { key: summary } }` (a run or key
   * without points is absent): a page of a runs table in one query instead of one per run. Optional;
   * without it a caller reads `metricHistory` per run.
   */
  metricSummaries?(runIds: readonly string[], keys: readonly string[]): Promise<Record<string, Record<string, MetricSummary>>>;
  searchRuns(query?: RunSearchQuery): Promise<RunSearchResult>;
}
