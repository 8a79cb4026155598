/**
 * JSON with object keys sorted at every level, so equal values always give equal strings
 * (cache keys and config digests depend on it). Rejects values JSON cannot represent exactly.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalize(value, '$'));
}

function normalize(value: unknown, path: string): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`${path}: ${value} cannot be represented in JSON`);
    return value;
  }
  if (Array.isArray(value)) return value.map((v, i) => normalize(v, `${path}[${i}]`));
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value as object).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = normalize(v, `${path}.${key}`);
    }
    return out;
  }
  throw new TypeError(`${path}: a ${typeof value} cannot be represented in JSON`);
}
