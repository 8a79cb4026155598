import { isIPv6 } from 'node:net';
import { luhn } from './luhn';

/** The kinds of personal data the validator recognises in text. */
export type PiiKind = 'email' | 'phone' | 'card' | 'ip';

/** One piece of personal data inside a string: `text.slice(start, end)`. */
export interface PiiMatch {
  kind: PiiKind;
  start: number;
  end: number;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
// 13-19 digits, optionally grouped by spaces or dashes, not part of a longer digit run.
const CARD = /(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)/g;
const IPV4 = /(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?!\.?\d)/g;
// Candidates only; node's parser decides (so times like 10:30:00 and MAC addresses are not IPs).
const IPV6 = /(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?(?![\w:])/g;
// International (+CC ...) and North-American (555-123-4567, (555) 123-4567) numbers.
const PHONE_INTL = /(?<![\w+])\+\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,5}(?!\w)/g;
const PHONE_NANP = /(?<![\w(])(?:\(\d{3}\) ?|\d{3}[-. ])\d{3}[-. ]\d{4}(?!\w)/g;

type Finder = (text: string) => [number, number][];

const finders: Record<PiiKind, Finder> = {
  email: (t) => spans(EMAIL, t),
  card: (t) => spans(CARD, t, (s) => luhn(s.replace(/[ -]/g, ''))),
  ip: (t) => [...spans(IPV4, t), ...spans(IPV6, t, (s) => isIPv6(s))],
  phone: (t) => {
    const digits = (s: string) => s.replace(/\D/g, '').length;
    return [...spans(PHONE_INTL, t, (s) => digits(s) >= 8 && digits(s) <= 15), ...spans(PHONE_NANP, t)];
  },
};

// Earlier kinds win overlaps: a card number inside an e-mail's local part is part of the e-mail.
const priority: PiiKind[] = ['email', 'card', 'ip', 'phone'];
const quick = /[@\d:]/;

/** Personal data of `kinds` in `text`, non-overlapping and in order of position. */
export function findPii(text: string, kinds: readonly PiiKind[]): PiiMatch[] {
  if (!quick.test(text)) return [];
  const found: PiiMatch[] = [];
  for (const kind of priority) {
    if (!kinds.includes(kind)) continue;
    for (const [start, end] of finders[kind](text)) {
      if (!found.some((m) => start < m.end && m.start < end)) found.push({ kind, start, end });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

function spans(re: RegExp, text: string, accept?: (s: string) => boolean): [number, number][] {
  const out: [number, number][] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    if (!accept || accept(m[0])) out.push([m.index, m.index + m[0].length]);
  }
  return out;
}
