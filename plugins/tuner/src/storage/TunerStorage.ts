import type { Distribution } from '../distributions';
import type { Direction, FrozenTrial, StudyRecord, TrialState } from '../types';

/** A parameter as written: its distribution and internal value. */
export interface StoredParam {
  name: string;
  distribution: Distribution;
  value: number;
}

/** What a worker writes when it finishes a trial. */
export interface TrialOutcome {
  state: 'complete' | 'pruned' | 'fail';
  values?: number[];
  error?: string;
}

/**
 * Where studies live. Every method is atomic on its own; the guarantees that let many processes
 * share a study are: trial numbers are unique per study, `claimTrial` hands each waiting trial to
 * one caller only, and `finishTrial` succeeds only for a running trial (so a trial failed by the
 * heartbeat check cannot be completed later by its lost worker, and vice versa).
 */
export interface TunerStorage {
  /** Creates a study; throws a duplicate-study error when the name is taken. */
  createStudy(name: string, directions: Direction[]): Promise<StudyRecord>;
  /** The study of that name, if any. */
  findStudy(name: string): Promise<StudyRecord | undefined>;
  listStudies(): Promise<StudyRecord[]>;
  /**
   * Adds a waiting trial whose listed params are fixed (values as the objective sees them), with
   * optional system attributes (a retry names the trial it retries).
   */
  enqueueTrial(studyId: number, fixedParams: Record<string, unknown>, systemAttrs?: Record<string, unknown>): Promise<number>;
  /** Takes the oldest waiting trial, or creates a new one, and marks it running for this caller. */
  claimTrial(studyId: number): Promise<FrozenTrial>;
  /** Writes params, intermediate values and system attributes of a running trial in one go. */
  writeTrial(trialId: number, update: { params?: StoredParam[]; intermediate?: [number, number][]; systemAttrs?: Record<string, unknown>; userAttrs?: Record<string, unknown> }): Promise<void>;
  /** Marks a running trial finished; false when it was not running any more (another party finished it). */
  finishTrial(trialId: number, outcome: TrialOutcome): Promise<boolean>;
  /** Proves a running trial's worker is alive. */
  heartbeat(trialId: number): Promise<void>;
  /** Fails running trials whose last heartbeat is older than `staleMs`; returns their numbers. */
  failStaleTrials(studyId: number, staleMs: number): Promise<number[]>;
  /** Every trial of the study by number, optionally only some states. */
  getTrials(studyId: number, states?: readonly TrialState[]): Promise<FrozenTrial[]>;
  getTrial(trialId: number): Promise<FrozenTrial>;
  close(): Promise<void>;
}
