import type { z } from 'zod';
import { prettifyError } from 'zod';
import { LinearError, linearErrorCodes } from '../errors';

/** Checks params (plugin defaults first, then the call's) against `schema` and fills in defaults. */
export function resolveParams<S extends z.ZodType>(schema: S, what: string, params: unknown, defaults: Record<string, unknown> = {}): z.output<S> {
  if (params !== undefined && (typeof params !== 'object' || params === null || Array.isArray(params))) {
    throw new LinearError(linearErrorCodes.params, `${what} params must be an object, got ${JSON.stringify(params)}`);
  }
  const parsed = schema.safeParse({ ...defaults, ...(params as object | undefined) });
  if (!parsed.success) throw new LinearError(linearErrorCodes.params, `invalid ${what} params:\n${prettifyError(parsed.error)}`);
  return parsed.data;
}
