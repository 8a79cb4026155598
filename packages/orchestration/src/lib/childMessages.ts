import type { ArtifactRecord, PipelineStepTask, StepRunOutcome } from '@mlops/core';

/**
 * What a worker asks its child process. A step with `parentRecords` has its succeeded run recorded by
 * the worker, with the worker's completion of it (the child sends `record` and waits for `recorded`).
 */
export type ChildRequest =
  | { id: number; kind: 'plan'; runId: string; pipeline: string; params: Record<string, unknown> }
  | { id: number; kind: 'step'; task: PipelineStepTask; parentRecords?: boolean }
  /** The answer to a child's `record`: the artifact records, or why the step run was not recorded. */
  | { id: number; kind: 'recorded'; records?: ArtifactRecord[]; error?: string };

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
  | { id: number; ok: false; error: { message: string; stack?: string; badInput: boolean; code?: string } };
