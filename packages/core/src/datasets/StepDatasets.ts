import type { Frame } from '@mlops/frame';
import type { DatasetVersionRecord } from '../storage/records';

/**
 * `ctx.datasets` in a step: named dataset versions, recorded as used by the run. What a step
 * registers or loads is part of the run's record (`mlops data show`, `mlops runs reproduce`).
 */
export interface StepDatasets {
  /**
   * Stores `frame` under `name` and returns its version (the existing one for identical content).
   * `role`: `output` (default) for a frame the step made, `input` for data it read from outside
   * (a CSV, a query) and registers so the run's input is versioned.
   */
  register(name: string, frame: Frame, options?: { role?: 'input' | 'output' }): Promise<DatasetVersionRecord>;
  /** The frame of `NAME` (latest, or the version a reproduction pins) or `NAME@vN`. */
  load(ref: string): Promise<Frame>;
}
