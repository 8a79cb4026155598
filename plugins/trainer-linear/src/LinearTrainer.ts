import type { FitOptions, Json, Trainer } from '@mlops/core';
import type { Frame } from '@mlops/frame';
import type { LinearModel } from './LinearModel';

/** A `Trainer` whose models are typed as {@link LinearModel} (so `data` and `margins` are visible). */
export interface LinearTrainer extends Trainer {
  readonly kind: 'logistic-regression' | 'linear-regression';
  fit(frame: Frame, target: string, params?: unknown, options?: FitOptions): Promise<LinearModel>;
  load(data: Json): LinearModel;
}
