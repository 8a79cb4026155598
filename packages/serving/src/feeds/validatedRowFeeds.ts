import type { SignatureColumn, TensorData } from '@mlops/core';
import type { FeedSpec } from './FeedSpec';
import { isNullToken } from './nullTokens';
import type { Feeds } from './toFeeds';

// Largest finite float32: a bigger number would become Infinity in a float32 feed.
const float32Max = 3.4028234663852886e38;

/**
 * Request rows checked against the signature and written into typed feed columns in one pass,
 * with no intermediate objects: the `/predict` hot path. Returns undefined at the first value it
 * does not accept (a missing, extra, mistyped or out-of-range field); the caller then runs the zod
 * schema, which names the problem, so this path never decides what an error says. It accepts only
 * what the schema accepts (it is stricter where in doubt).
 */
export function validatedRowFeeds(items: readonly unknown[], columns: readonly SignatureColumn[], specs: readonly FeedSpec[], strict: boolean): Feeds | undefined {
  const n = items.length;
  const k = columns.length;
  if (specs.length !== k) return undefined;
  const data: TensorData[] = new Array(k);
  for (let c = 0; c < k; c++) {
    const spec = specs[c]!;
    if (spec.name !== columns[c]!.name) return undefined;
    data[c] = spec.kind === 'string' ? new Array<string>(n) : spec.kind === 'float64' ? new Float64Array(n) : spec.kind === 'int64' ? new BigInt64Array(n) : spec.kind === 'int32' ? new Int32Array(n) : spec.kind === 'bool' ? new Uint8Array(n) : new Float32Array(n);
  }
  for (let i = 0; i < n; i++) {
    const row = items[i];
    if (typeof row !== 'object' || row === null || Array.isArray(row)) return undefined;
    const r = row as Record<string, unknown>;
    if (strict) {
      // Every field is required (null where nullable), so a strict row has exactly k keys.
      let keys = 0;
      for (const _ in r) keys++;
      if (keys !== k) return undefined;
    }
    for (let c = 0; c < k; c++) {
      const column = columns[c]!;
      const v = r[column.name];
      const out = data[c]!;
      const kind = specs[c]!.kind;
      if (v === null) {
        if (!column.nullable) return undefined;
        if (kind === 'string') (out as string[])[i] = '';
        else if (kind === 'int64') (out as BigInt64Array)[i] = 0n;
        else (out as Float32Array)[i] = kind === 'float32' || kind === 'float64' ? NaN : 0;
        continue;
      }
      switch (column.type) {
        case 'float':
        case 'double':
        case 'int':
          if (typeof v !== 'number' || !Number.isFinite(v) || (column.type === 'int' && !Number.isSafeInteger(v))) return undefined;
          if (kind === 'string' || kind === 'bool') return undefined;
          if (kind === 'float32' && (v > float32Max || v < -float32Max)) return undefined;
          if (!fitsInteger(v, kind)) return undefined;
          if (kind === 'int64') (out as BigInt64Array)[i] = BigInt(Math.trunc(v));
          else (out as Float32Array)[i] = v;
          break;
        case 'string':
          if (typeof v !== 'string' || kind !== 'string') return undefined;
          // The shared null tokens: "NA" is missing here exactly as in training and toFeeds.
          (out as string[])[i] = isNullToken(v) ? '' : v;
          break;
        case 'bool':
          if (typeof v !== 'boolean' || kind === 'string' || kind === 'int64') return undefined;
          (out as Uint8Array)[i] = v ? 1 : 0;
          break;
        default:
          return undefined;
      }
    }
  }
  const feeds: Feeds = {};
  for (let c = 0; c < k; c++) feeds[specs[c]!.name] = { data: data[c]!, dims: [n, 1] };
  return feeds;
}

/**
 * False for a number an integer input would wrap (an int32 beyond ±2^31, an int64 beyond ±2^63):
 * such values go to the checked path, which names them.
 */
export function fitsInteger(v: number, kind: FeedSpec['kind']): boolean {
  if (kind === 'int32') return v > -2147483649 && v < 2147483648;
  if (kind === 'int64') return v >= -9223372036854775808 && v < 9223372036854775808;
  return true;
}
