import { createHash } from 'node:crypto';

/** `sha256:<hex>` of a string or bytes: the one digest format used across mlops. */
export function sha256(data: string | Uint8Array): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}
