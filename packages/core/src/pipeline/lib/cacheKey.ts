import { canonicalJson } from '../../util/canonicalJson';
import { sha256 } from '../../util/hash';

/** Cache key of a step execution: same step, code, params, input contents and used services ⇒ same outputs. */
export function cacheKey(parts: { step: string; code: string; params: unknown; inputs: Record<string, string>; services: Record<string, string>; files?: Record<string, string> }): string {
  // `files` joins the key only when a step declares files, so keys of other steps stay as they were.
  const files = parts.files && Object.keys(parts.files).length ? { files: parts.files } : {};
  return sha256(canonicalJson({ v: 2, step: parts.step, code: parts.code, params: parts.params ?? null, inputs: parts.inputs, services: parts.services, ...files }));
}
