import { getMlopsError } from '@mlops/core';
import { uiErrorCodes } from '../errors';

const statusByCode: Record<string, number> = {
  [uiErrorCodes.input]: 400,
  [uiErrorCodes.unauthenticated]: 401,
  [uiErrorCodes.forbidden]: 403,
  [uiErrorCodes.notFound]: 404,
  [uiErrorCodes.unavailable]: 404,
  E_NOT_FOUND: 404,
};

/**
 * Any thrown value as a status and a structured body `{ error: { code, message, path?, expected?,
 * received? } }`: the dashboard's own codes by their map, another package's error by its `badInput`
 * (400: a malformed filter, a refused rollback) or core's not-found code (404), anything else 500
 * with a generic message (details go to the log, not to the browser).
 */
export function errorResponse(err: unknown): { status: number; body: { error: Record<string, unknown> } } {
  const known = getMlopsError(err);
  const status = statusByCode[known.code] ?? (known.badInput ? 400 : 500);
  const body = known.toJSON();
  if (status === 500) return { status, body: { error: { code: known.code, message: 'internal error (see the server log)' } } };
  return { status, body: { error: body } };
}
