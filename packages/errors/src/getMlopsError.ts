import { isMlopsError, MlopsError } from './MlopsError';

/** The code of anything thrown that is not an MlopsError and has no `E_` code of its own. */
export const internalErrorCode = 'E_INTERNAL';

/**
 * Normalises anything thrown into an MlopsError, so a caller (the CLI, a server) handles one shape:
 * an MlopsError is returned as it is; an Error that carries an `E_` code (a plugin built before this
 * base existed) keeps its code, message and `badInput`; anything else becomes `E_INTERNAL`, with the
 * original kept as `cause` and its stack kept for `--verbose`.
 */
export function getMlopsError(value: unknown): MlopsError {
  if (isMlopsError(value)) return value;
  if (!(value instanceof Error)) return new MlopsError(internalErrorCode, String(value), { cause: value });
  const { code, badInput } = value as Error & { code?: unknown; badInput?: unknown };
  const wrapped = new MlopsError(typeof code === 'string' && code.startsWith('E_') ? code : internalErrorCode, value.message, { cause: value, badInput: badInput === true });
  wrapped.stack = value.stack;
  return wrapped;
}
