import { z } from 'zod';
import { tfjsParams, type TfjsParams } from '../config';
import { TfjsError, tfjsErrorCodes } from '../errors';

/** Checks params (plugin defaults first, then the call's) and fills in defaults. */
export function resolveTfjsParams(params: unknown, defaults: Record<string, unknown> = {}): TfjsParams {
  if (params !== undefined && (typeof params !== 'object' || params === null || Array.isArray(params))) {
    throw new TfjsError(tfjsErrorCodes.params, `tfjs params must be an object, got ${JSON.stringify(params)}`);
  }
  const parsed = tfjsParams.safeParse({ ...defaults, ...(params as object | undefined) });
  if (!parsed.success) throw new TfjsError(tfjsErrorCodes.params, `invalid tfjs params:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
