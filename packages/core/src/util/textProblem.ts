import { loneSurrogateAt } from './loneSurrogateAt';

/** What {@link textProblem} asks of a text, for "expected …" in an error. */
export const storableText = 'text without NUL characters or lone UTF-16 surrogates';

/**
 * Why `s` cannot be stored exactly as sent in every database a value may reach, or undefined when
 * it can. Postgres `text` cannot hold NUL (U+0000): the write or the query fails, so a stranger's
 * NUL would become a 5xx or a stream batch retried for ever, while SQLite takes it, and the same
 * input must not pass on the embedded store and fail on Postgres. A lone UTF-16 surrogate has no
 * UTF-8 encoding: drivers store U+FFFD instead, so what is read back differs from what was sent.
 */
export function textProblem(s: string): string | undefined {
  const nul = s.indexOf('\u0000');
  const lone = loneSurrogateAt(s);
  if (nul < 0 && lone < 0) return undefined;
  return lone < 0 || (nul >= 0 && nul < lone) ? `a NUL character (U+0000) at index ${nul}` : `a lone UTF-16 surrogate at index ${lone}`;
}
