import type { FitOptions, Trainer } from '@mlops/core';
import type { Frame } from '@mlops/frame';
import { z } from 'zod';
import { gbdtParams, type GbdtParams } from './config';
import { GbdtError, gbdtErrorCodes } from './errors';
import { fitGbdt } from './fitGbdt';
import type { GbdtModel } from './GbdtModel';
import { loadGbdtModel } from './loadGbdtModel';

/** Checks params (plugin defaults first, then the call's) and fills in defaults. */
export function resolveGbdtParams(params: unknown, defaults: Record<string, unknown> = {}): GbdtParams {
  if (params !== undefined && (typeof params !== 'object' || params === null || Array.isArray(params))) {
    throw new GbdtError(gbdtErrorCodes.params, `GBDT params must be an object, got ${JSON.stringify(params)}`);
  }
  const parsed = gbdtParams.safeParse({ ...defaults, ...(params as object | undefined) });
  if (!parsed.success) throw new GbdtError(gbdtErrorCodes.params, `invalid GBDT params:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** A `Trainer` of gradient-boosted trees; `defaults` are params applied before each call's own. */
export function createGbdtTrainer(defaults: Record<string, unknown> = {}): Trainer & { fit(frame: Frame, target: string, params?: unknown, options?: FitOptions): Promise<GbdtModel> } {
  resolveGbdtParams({}, defaults);
  return {
    kind: 'gbdt',
    fit: (frame, target, params, options) => fitGbdt(frame, target, resolveGbdtParams(params, defaults), options),
    load: loadGbdtModel,
  };
}
