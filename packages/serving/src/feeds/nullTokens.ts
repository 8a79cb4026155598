import { defaultNullTokens } from '@mlops/frame';

/**
 * The spellings of "missing" in text cells, one list for training and serving: `@mlops/frame`'s CSV
 * reader (what training reads) and every serving path (batch inference, `/predict`, online lookups)
 * use this same list, so a cell is missing at serving exactly when it was missing at training.
 */
export const nullTokens: ReadonlySet<string> = new Set(defaultNullTokens);

/** True when a text cell is one of the null tokens (surrounding spaces ignored, as the CSV reader trims numbers). */
export function isNullToken(text: string): boolean {
  return nullTokens.has(text) || (text.length > 0 && nullTokens.has(text.trim()));
}
