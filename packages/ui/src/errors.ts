import { MlopsError, type MlopsErrorData } from '@mlops/core';

/** Codes of the dashboard's own errors; each maps to one HTTP status (`statusOf`). */
export const uiErrorCodes = {
  /** A query parameter or body field the API cannot use (400). */
  input: 'E_UI_INPUT',
  /** An action without the token (401). */
  unauthenticated: 'E_UI_UNAUTHENTICATED',
  /** An action with a wrong token, or with no token configured: the dashboard is read-only (403). */
  forbidden: 'E_UI_FORBIDDEN',
  /** No such route, run, artifact or model (404). */
  notFound: 'E_UI_NOT_FOUND',
  /** A section whose plugin is not configured (404 with the slot to configure). */
  unavailable: 'E_UI_UNAVAILABLE',
} as const;

/** One of the codes above. */
export type UiErrorCode = (typeof uiErrorCodes)[keyof typeof uiErrorCodes];

/** Every error the dashboard's API raises itself; errors of the tracker or registry pass through. */
export class UiError extends MlopsError<UiErrorCode> {
  constructor(code: UiErrorCode, message: string, data: MlopsErrorData = {}) {
    super(code, message, { badInput: code === uiErrorCodes.input, ...data });
  }
}

/** A bad query parameter or body field, named with what was expected and received. */
export function badParam(path: string, expected: string, received: unknown): UiError {
  const shown = typeof received === 'string' ? JSON.stringify(received) : received === undefined ? 'nothing' : JSON.stringify(received);
  return new UiError(uiErrorCodes.input, `${path}: expected ${expected}, received ${shown}`, { path, expected, received: shown });
}
