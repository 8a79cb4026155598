import { canonicalJson, sha256 } from '@mlops/core';

/**
 * What makes two registrations the same model version: every artifact digest (content addressed,
 * so equal bytes) and the signature. Run id, tags, description and evaluations are not part of it:
 * an identical rerun (`mlops runs reproduce`) registers the same model again under another run.
 */
export function versionIdentity(artifacts: Record<string, string>, signature: unknown): string {
  return sha256(canonicalJson({ artifacts, signature }));
}
