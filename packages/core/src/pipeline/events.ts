import type { ArtifactRecord, RunStatus } from '../storage/records';

/** Progress of a run, for the CLI's display and for embedding programs. */
export type RunEvent =
  | { type: 'run:start'; runId: string; pipeline: string; steps: string[] }
  | { type: 'step:start'; runId: string; step: string }
  | { type: 'step:cached'; runId: string; step: string; cachedFrom: string; outputs: ArtifactRecord[] }
  | { type: 'step:log'; runId: string; step: string; level: string; message: string }
  | { type: 'step:done'; runId: string; step: string; durationMs: number; outputs: ArtifactRecord[] }
  | { type: 'step:failed'; runId: string; step: string; error: string }
  | { type: 'run:done'; runId: string; status: RunStatus; durationMs: number; error?: string };
