import { findPii, type PiiKind } from './findPii';
import { FIXED_MASK, maskPii } from './maskPii';
import { isRedacted } from './isRedacted';
import { tokenizePii } from './tokenizePii';

/** How personal data is replaced: the kinds looked for, mask or tokenize, and the HMAC key. */
export interface PiiPolicy {
  kinds: readonly PiiKind[];
  action: 'mask' | 'tokenize';
  /** Required for `tokenize`. */
  key?: string;
}

/** A redacted string and the kinds of personal data it held. */
export interface Redacted {
  text: string;
  kinds: PiiKind[];
}

/**
 * Replaces personal data in `text`. With `whole` (a configured PII column) the entire value is
 * sensitive: tokenized as one, or masked by kind when it is exactly one recognised item, else `***`.
 * Otherwise only the items found are replaced; `undefined` when there are none.
 */
export function redactText(text: string, policy: PiiPolicy, whole: boolean): Redacted | undefined {
  const matches = findPii(text, policy.kinds);
  const kinds = [...new Set(matches.map((m) => m.kind))];
  const replace = (s: string, kind: PiiKind | undefined) => (policy.action === 'tokenize' ? tokenizePii(policy.key ?? '', s) : kind ? maskPii(kind, s) : FIXED_MASK);
  if (whole) {
    // Already redacted where the data was read: keep it (a token of a token would join nothing).
    if (isRedacted(text, policy.action)) return { text, kinds: [] };
    const single = matches.length === 1 && matches[0].start === 0 && matches[0].end === text.length ? matches[0].kind : undefined;
    return { text: replace(text, single), kinds };
  }
  if (matches.length === 0) return undefined;
  let out = '';
  let at = 0;
  for (const m of matches) {
    out += text.slice(at, m.start) + replace(text.slice(m.start, m.end), m.kind);
    at = m.end;
  }
  return { text: out + text.slice(at), kinds };
}
