import type { Json } from '@mlops/core';
import { isFrame, type Frame } from '@mlops/frame';
import { PiiKeyError } from '../errors';
import { parseSchema } from '../schema/parseSchema';
import { redactText } from './redactText';
import { Redactor } from './Redactor';

/** Replaces personal data the way the schema's `pii` block says, in frames, text and plain data. */
export interface PiiFilter {
  /** The frame with declared PII columns replaced whole and detected items replaced in category columns. */
  frame(frame: Frame): Frame;
  /** Text with every recognised item (e-mail, phone, card, IP of the schema's `detect` kinds) replaced. */
  text(text: string): string;
  /** Frames, strings, and strings inside arrays and plain objects, filtered; anything else as is. */
  value(value: unknown): unknown;
}

/**
 * The validator's PII replacement on its own, for data read before the validate step: the same
 * Redactor, policy and key, so what the validate step later sees is already redacted (and stays
 * as it is). Throws `PiiKeyError` when the schema tokenizes and no key is set.
 */
export function createPiiFilter(schema: unknown, options: { piiKey?: string; tokenKeyEnv?: string } = {}): PiiFilter {
  const parsed = parseSchema(schema);
  const pii = parsed.pii;
  if (pii.action === 'tokenize' && !options.piiKey) throw new PiiKeyError(options.tokenKeyEnv ?? 'MLOPS_PII_KEY');
  const policy = { kinds: pii.detect, action: pii.action, key: options.piiKey };
  const frame = (f: Frame) => Redactor.scan(f, { ...policy, columns: pii.columns, exclude: pii.exclude, sampleSize: pii.sampleSize }, 0).apply(f);
  const text = (t: string) => redactText(t, policy, false)?.text ?? t;
  const value = (v: unknown): unknown => {
    if (isFrame(v)) return frame(v);
    if (typeof v === 'string') return text(v);
    if (Array.isArray(v)) return v.map(value);
    if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, value(x)])) as Json;
    return v;
  };
  return { frame, text, value };
}
