import { ArtifactNotFoundError } from '@mlops/core';

const digestPattern = /^sha256:([0-9a-f]{64})$/;

/** Normalises a configured prefix to `''` or `a/b/` (one trailing slash). */
export function normalisePrefix(prefix: string): string {
  const trimmed = prefix.replace(/\/+$/, '');
  return trimmed === '' ? '' : `${trimmed}/`;
}

/**
 * Key of a blob: `<prefix>sha256/<first 2 hex>/<other 62 hex>`, the same layout as the local store,
 * so listings stay browsable. A malformed digest names no blob (and can never leave the prefix).
 */
export function blobKey(prefix: string, digest: string): string {
  const hex = digestPattern.exec(digest)?.[1];
  if (!hex) throw new ArtifactNotFoundError(digest);
  return `${prefix}sha256/${hex.slice(0, 2)}/${hex.slice(2)}`;
}

/** The digest a blob key names, or undefined for any other key. */
export function digestOfKey(prefix: string, key: string): string | undefined {
  const match = /^sha256\/([0-9a-f]{2})\/([0-9a-f]{62})$/.exec(key.startsWith(prefix) ? key.slice(prefix.length) : '');
  return match ? `sha256:${match[1]}${match[2]}` : undefined;
}
