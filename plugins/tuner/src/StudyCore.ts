import type { Pruner } from './pruners/Pruner';
import type { Sampler } from './samplers/Sampler';
import type { TunerStorage } from './storage/TunerStorage';
import type { Direction } from './types';

/** @internal What a trial needs of its study. */
export interface StudyCore {
  readonly name: string;
  readonly studyId: number;
  readonly directions: readonly Direction[];
  readonly storage: TunerStorage;
  readonly sampler: Sampler;
  readonly pruner: Pruner;
  /** The study has constraints: samplers rank trials by feasibility first. */
  readonly constrained: boolean;
}
