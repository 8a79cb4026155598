import type { DatasetCatalog } from '../../datasets/DatasetCatalog';
import type { ArtifactStore } from '../../storage/ArtifactStore';
import type { MetadataStore, StepRecordWriteOptions, StepRunOutcome } from '../../storage/MetadataStore';
import type { ArtifactRecord } from '../../storage/records';
import type { Token } from '../../tokens/createToken';
import type { HookBus } from '../../hooks/HookBus';
import type { RunEvent } from '../events';
import type { SerializerRegistry } from '../serializers';

/** An output of a finished step: its record, and its value when produced in this process. */
export interface OutputSlot {
  record: ArtifactRecord;
  value?: { v: unknown };
}

/** What every step execution of one run shares. */
export interface RunState {
  runId: string;
  pipeline: string;
  projectRoot: string;
  noCache: boolean;
  /** Digest of each configured plugin by token id (see ResolvedConfig.serviceDigests). */
  serviceDigests: Readonly<Record<string, string>>;
  artifacts: ArtifactStore;
  metadata: MetadataStore;
  /** How step run records are written: an orchestrated step's are made durable by the orchestrator's next commit. */
  stepRecordWrites?: StepRecordWriteOptions;
  /**
   * Set: a step run is written once, at its end (`recordStepRun`), not also at its start. For an
   * orchestrated step, whose running state the orchestrator's own step row shows meanwhile.
   */
  stepRunAtEndOnly?: boolean;
  /**
   * Set: records a succeeded step's run, inputs and artifacts instead of `metadata.recordStepRun`, and
   * returns the artifact records. An orchestrator writes them in the same statement as its completion
   * of the step, fenced by its claim (one round trip; a stale attempt records nothing and this throws).
   */
  recordStepRun?: (outcome: StepRunOutcome) => Promise<ArtifactRecord[]>;
  serializers: SerializerRegistry;
  datasets: DatasetCatalog;
  /** Versions `ctx.datasets.load(NAME)` reads instead of the latest (a reproduction pins the original's). */
  datasetPins: Readonly<Record<string, number>>;
  /** Step hooks go here (the tracker plugin autologs through them). */
  hooks: HookBus;
  outputs: Map<string, Map<string, OutputSlot>>;
  signal: AbortSignal;
  /**
   * Set for a step that cannot be killed (run in the orchestrator's worker process): once `signal`
   * aborts (the attempt was given up on: timeout, cancel) before the outputs are recorded, the attempt
   * records no outputs and fails. `onCommit` is called when recording begins, in the same tick as the
   * last look at `signal`: from then on the attempt is no longer abandoned, so the caller must wait for it.
   */
  abandonOnAbort?: { onCommit(): void };
  emit(event: RunEvent): void;
  resolve<T>(token: Token<T>): T;
}
