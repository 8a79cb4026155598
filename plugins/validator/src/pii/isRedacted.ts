import { FIXED_MASK } from './maskPii';

const token = /^tok_[0-9a-f]{64}$/;
const masks = [/^\*{3}@[^@\s]+$/, /^\*{4}-\*{4}-\*{4}-\d{4}$/, /^\*{3}-\*{3}-\*{4}$/, /^\*{3}\.\*{3}\.\*{3}\.\*{3}$/, /^\*{4}:\*{4}::\*{4}$/];

/**
 * True for a whole value that is already the output of `action` (a token, or one of the masks):
 * redacting it again would change nothing useful (masks) or tokenize a token. Lets a frame
 * redacted where it was read (`withPiiRedacted`) pass the validate step unchanged.
 */
export function isRedacted(text: string, action: 'mask' | 'tokenize'): boolean {
  if (action === 'tokenize') return token.test(text);
  return text === FIXED_MASK || masks.some((m) => m.test(text));
}
