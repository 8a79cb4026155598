/** Plain JSON value, as stored in metadata columns. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type RunStatus = 'running' | 'succeeded' | 'failed' | 'crashed';
export type StepStatus = 'running' | 'succeeded' | 'failed' | 'cached';

/** One execution of a pipeline. Times are epoch milliseconds. */
export interface RunRecord {
  id: string;
  pipeline: string;
  status: RunStatus;
  params: Json;
  startedAt: number;
  endedAt: number | null;
  error: string | null;
  /** Host name and process id of the runner, to detect runs whose process died. */
  host: string;
  pid: number;
  /** sha256 of the resolved config the run used. */
  configDigest: string | null;
  tags: Record<string, string>;
}

/** One execution of one step inside a run. */
export interface StepRunRecord {
  id: string;
  runId: string;
  /** The step's id inside its pipeline (unique per pipeline). */
  step: string;
  status: StepStatus;
  cacheKey: string;
  codeDigest: string;
  params: Json;
  startedAt: number;
  endedAt: number | null;
  logs: string;
  error: string | null;
  /** For a cached step: the step run whose outputs were reused. */
  cachedFrom: string | null;
}

/** A stored output. `name` is `<pipeline>/<step>/<output>`; `version` counts up per name. */
export interface ArtifactRecord {
  id: string;
  name: string;
  version: number;
  /** Content address in the artifact store, `sha256:<hex>`. */
  digest: string;
  size: number;
  /** Serializer that wrote the bytes (e.g. `frame`, `json`, `bytes`), needed to read them back. */
  serializer: string;
  runId: string;
  stepRunId: string;
  output: string;
  createdAt: number;
  /** Serializer-provided facts, e.g. a frame's row count and dataset digest. */
  metadata: Json;
}

/** Lineage edge: step run `stepRunId` consumed `artifactId` as input `name`. */
export interface StepInputRecord {
  stepRunId: string;
  name: string;
  artifactId: string;
}
