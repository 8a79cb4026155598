import type { Json } from '../storage/records';

/**
 * Flattens nested params into dotted keys (`{ trainer: { maxDepth: 4 } }` → `trainer.maxDepth`), so
 * each can be filtered and compared on its own. Arrays and empty objects stay whole values.
 */
export function flattenParams(value: unknown, prefix = '', out: Record<string, Json> = {}): Record<string, Json> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Uint8Array) && Object.keys(value).length) {
    for (const [k, v] of Object.entries(value)) if (v !== undefined) flattenParams(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) {
    out[prefix] = toJson(value);
  }
  return out;
}

function toJson(value: unknown): Json {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return `<${value.byteLength} bytes>`;
  return JSON.parse(JSON.stringify(value ?? null)) as Json;
}

/** Top-level finite numbers of a metrics object (an evaluation report also holds tables and warnings). */
export function numericMetrics(value: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const [k, v] of Object.entries(value)) if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
  return out;
}
