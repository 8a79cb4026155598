import { TransformDataError } from '../errors';
import { messages } from '../messages';

/**
 * Throws unless `value` is JSON data that survives `JSON.stringify` unchanged: null, booleans,
 * finite numbers, strings, arrays and plain objects. Fitted state must be data, never code.
 */
export function assertPlainData(transform: string, value: unknown, path = 'state'): void {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TransformDataError(transform, messages.notData(path, String(value)));
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => assertPlainData(transform, v, `${path}[${i}]`));
    return;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) assertPlainData(transform, v, `${path}.${k}`);
    return;
  }
  const what = typeof value === 'object' ? `a ${(value as object).constructor?.name ?? 'object'}` : `a ${typeof value}`;
  throw new TransformDataError(transform, messages.notData(path, what));
}
