import { createHmac } from 'node:crypto';

/**
 * `tok_` + hex HMAC-SHA256 of `value` under `key`: the same value and key always give the same
 * token (joins on a tokenized column still work), and without the key the value cannot be recovered
 * or guessed by hashing candidates.
 */
export function tokenizePii(key: string, value: string): string {
  return `tok_${createHmac('sha256', key).update(value, 'utf8').digest('hex')}`;
}
