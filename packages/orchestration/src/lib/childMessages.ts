import type { ArtifactRecord, PipelineStepTask, StepRunOutcome } from '@mlops/core';

/**
 * What a worker asks its child process. A step with `parentRecords` has its succeeded run recorded by
 * the worker, with the worker's completion of it (the child sends `record` and waits for `recorded`).
 */
export type ChildRequest =
  | { id: number; kind: 'plan'; runId: string; pipeline: string; params: Record<string, unknown> }
  | { id: number; kind: 'step'; task: PipelineStepTask; parentRecords?: boolean }
  /** The answer to a child's `record`: the artifact records, or why the step run was not recorded. */
  | { id: number; kind: 'recorded'; records?: ArtifactRecord[]; error?: string }
  /** A batch job's steps, run one after another in this one request (their step runs recorded by the worker, as with `parentRecords`). */
  | { id: number; kind: 'batch'; tasks: PipelineStepTask[] }
  /** The answer to a batch's `settled`: per step that sent an outcome (by index), its records or why not. */
  | { id: number; kind: 'batchRecorded'; results: { i: number; records?: ArtifactRecord[]; error?: string }[] };

/** A batch step's result (in the batch's last answer). */
export type BatchStepAnswer = { i: number; ok: true; outputs: Record<string, string>; status: 'succeeded' | 'cached' } | { i: number; ok: false; error: { message: string; stack?: string; badInput: boolean } };

/** What the child answers. */
export type ChildResponse =
  /** Sent once, unasked (id 0), when a fresh child has loaded the project: it is warm. */
  | { id: 0; ready: true }
  /** The runtime is loaded and the work begins: the step's timeout runs from here. */
  | { id: number; started: true }
  /** The step succeeded: the worker records its run (see `parentRecords`) and answers `recorded`. */
  | { id: number; record: StepRunOutcome }
  | { id: number; ok: true; plan: { params: Record<string, unknown>; steps: { id: string; dependsOn: string[] }[] } }
  | { id: number; ok: true; outputs: Record<string, string>; status: 'succeeded' | 'cached' }
  | { id: number; ok: false; error: { message: string; stack?: string; badInput: boolean; code?: string } }
  /**
   * A batch: step `started` begins (its timeout runs from here); `outcomes` are the succeeded step runs
   * of earlier steps not sent yet (sent at once, so a kill of this step loses none of them).
   */
  | { id: number; started: number; outcomes: { i: number; outcome: StepRunOutcome }[] }
  /** A batch: every step ran to its end or its recording; the rest of the outcomes. The child waits for `batchRecorded`. */
  | { id: number; settled: true; outcomes: { i: number; outcome: StepRunOutcome }[] }
  /** A batch's last answer: every step's result. */
  | { id: number; batch: BatchStepAnswer[] };
