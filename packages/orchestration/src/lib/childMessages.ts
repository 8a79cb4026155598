import type { PipelineStepTask } from '@mlops/core';

/** What a worker asks its child process. */
export type ChildRequest = { id: number; kind: 'plan'; runId: string; pipeline: string; params: Record<string, unknown> } | { id: number; kind: 'step'; task: PipelineStepTask };

/** What the child answers. */
export type ChildResponse =
  /** Sent once, unasked (id 0), when a fresh child has loaded the project: it is warm. */
  | { id: 0; ready: true }
  /** The runtime is loaded and the work begins: the step's timeout runs from here. */
  | { id: number; started: true }
  | { id: number; ok: true; plan: { params: Record<string, unknown>; steps: { id: string; dependsOn: string[] }[] } }
  | { id: number; ok: true; outputs: Record<string, string>; status: 'succeeded' | 'cached' }
  | { id: number; ok: false; error: { message: string; stack?: string; badInput: boolean; code?: string } };
