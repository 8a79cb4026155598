import { createHmac } from 'node:crypto';

/**
 * A public identity of the PII key: `hmac-sha256:` + the first 16 hex of HMAC-SHA256(key, a fixed
 * label). Different keys give different fingerprints, and the key cannot be recovered from one, so
 * it may sit in cache keys and logs; null when no key is set.
 */
export function piiKeyFingerprint(key: string | undefined): string | null {
  if (!key) return null;
  return `hmac-sha256:${createHmac('sha256', key).update('mlops pii key fingerprint v1', 'utf8').digest('hex').slice(0, 16)}`;
}
