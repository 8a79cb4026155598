import { storableText, textProblem } from '@mlops/core';
import { UiError, uiErrorCodes } from '../errors';

/**
 * Refuses a path parameter or query value that no store can look up as sent (a NUL, which
 * Postgres text cannot hold, or a lone surrogate): a 400 naming it, not a 500 from the database,
 * and the same answer on SQLite and Postgres.
 */
export function checkRequestTexts(params: Readonly<Record<string, string>>, query: URLSearchParams): void {
  for (const [name, value] of Object.entries(params)) checkText(name, value);
  for (const [name, value] of query) checkText(name, value);
}

/** Throws a 400 naming `path` when `value` is not storable text. */
export function checkText(path: string, value: string): void {
  const problem = textProblem(value);
  if (problem) throw new UiError(uiErrorCodes.input, `${path}: expected ${storableText}, received ${problem}`, { path, expected: storableText, received: problem });
}
