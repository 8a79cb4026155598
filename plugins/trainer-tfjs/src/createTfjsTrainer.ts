import type { FitOptions, Json, Trainer } from '@mlops/core';
import type { Frame } from '@mlops/frame';
import { fitTfjs } from './fitTfjs';
import { loadTfjsModel } from './loadTfjsModel';
import { resolveTfjsParams } from './lib/resolveTfjsParams';
import type { TfjsModel } from './TfjsModel';

/** A `Trainer` whose models are typed as {@link TfjsModel}. */
export interface TfjsTrainer extends Trainer {
  readonly kind: 'tfjs-dense';
  fit(frame: Frame, target: string, params?: unknown, options?: FitOptions): Promise<TfjsModel>;
  load(data: Json): TfjsModel;
}

/** A `Trainer` of dense networks; `defaults` are params applied before each call's own, `log` hears which backend ran. */
export function createTfjsTrainer(defaults: Record<string, unknown> = {}, log?: (message: string) => void): TfjsTrainer {
  resolveTfjsParams({}, defaults);
  return {
    kind: 'tfjs-dense',
    fit: async (frame, target, params, options) => fitTfjs(frame, target, resolveTfjsParams(params, defaults), options, log ? { log } : {}),
    load: loadTfjsModel,
  };
}
