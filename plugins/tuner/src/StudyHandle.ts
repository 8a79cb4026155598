import type { TuningResult, TuningStudy, TuningTrial, TuningTrialRecord, TuningTrialState } from '@mlops/core';
import type { Study } from './Study';
import type { Trial } from './Trial';
import { constraintsOf, isFeasible } from './constraints';
import { retriedTrialNumber } from './retry';
import type { FrozenTrial } from './types';

/** A {@link Study} seen through core's `TuningStudy` contract (what `tokens.tuner` hands out). */
export class StudyHandle implements TuningStudy {
  constructor(readonly study: Study) {}

  get name(): string {
    return this.study.name;
  }

  get directions() {
    return this.study.directions;
  }

  ask(): Promise<TuningTrial> {
    return this.study.ask();
  }

  tell(trial: TuningTrial, result: TuningResult): Promise<TuningTrialState> {
    return this.study.tell(trial as Trial, result);
  }

  optimize(objective: (trial: TuningTrial) => Promise<number | number[]> | number | number[], options?: { nTrials?: number; timeoutMs?: number; concurrency?: number }): Promise<void> {
    return this.study.optimize(objective, options);
  }

  enqueueTrial(params: Record<string, string | number | boolean | null>): Promise<number> {
    return this.study.enqueueTrial(params);
  }

  async trials(states?: readonly TuningTrialState[]): Promise<TuningTrialRecord[]> {
    return (await this.study.trials(states)).map(toRecord);
  }

  async bestTrial(): Promise<TuningTrialRecord | undefined> {
    if (!(await this.study.trials(['complete'])).some(isFeasible)) return undefined;
    return toRecord(await this.study.bestTrial());
  }

  async bestTrials(): Promise<TuningTrialRecord[]> {
    return (await this.study.bestTrials()).map(toRecord);
  }
}

/** The public view of a stored trial. */
export function toRecord(t: FrozenTrial): TuningTrialRecord {
  return { number: t.number, state: t.state, params: t.params, values: t.values, intermediate: t.intermediate, userAttrs: t.userAttrs, startedAt: t.startedAt, completedAt: t.completedAt, error: t.error, constraints: constraintsOf(t), retriedFrom: retriedTrialNumber(t) };
}
