import type { Direction, FrozenTrial } from '../types';

/** What a pruner sees when a running trial asks `shouldPrune()`. */
export interface PrunerContext {
  readonly studyName: string;
  /** The study's direction (pruning needs a single objective). */
  readonly direction: Direction;
  /** Every trial of the study, fresh from storage, by number (the asking trial included). */
  readonly trials: readonly FrozenTrial[];
  /** The asking trial, with the values it reported. */
  readonly trial: FrozenTrial;
  /** Records a fact on the asking trial that other workers' pruners read (successive halving's rungs). */
  setSystemAttr(key: string, value: unknown): Promise<void>;
}

/** Decides whether a running trial should stop, from its reported values and the study's. */
export interface Pruner {
  readonly name: string;
  prune(ctx: PrunerContext): Promise<boolean>;
}

/** Never prunes. */
export class NopPruner implements Pruner {
  readonly name = 'nop';
  async prune(): Promise<boolean> {
    return false;
  }
}
