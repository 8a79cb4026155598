import { join } from 'node:path';
import { ArtifactNotFoundError } from '@mlops/core';

const digestPattern = /^sha256:([0-9a-f]{64})$/;

/** Folder names under the store's root. */
export const layout = { blobs: 'sha256', temp: 'tmp' } as const;

/**
 * Path of a blob: `<root>/sha256/<first 2 hex>/<other 62 hex>`, so no folder grows past 256 entries
 * per level. A malformed digest names no blob (and can never escape the root).
 */
export function blobPath(root: string, digest: string): string {
  const hex = digestPattern.exec(digest)?.[1];
  if (!hex) throw new ArtifactNotFoundError(digest);
  return join(root, layout.blobs, hex.slice(0, 2), hex.slice(2));
}
