import type { TensorData } from '@mlops/core';
import type { Feeds } from './toFeeds';

/**
 * Feeds of several requests as one batch, input by input: typed arrays are copied with `set`,
 * so coalescing requests costs one allocation per input, not one object per row.
 */
export function concatFeeds(parts: readonly Feeds[], rowCounts: readonly number[]): Feeds {
  if (parts.length === 1) return parts[0]!;
  const total = rowCounts.reduce((a, b) => a + b, 0);
  const out: Feeds = {};
  for (const name of Object.keys(parts[0]!)) {
    const first = parts[0]![name]!.data;
    let data: TensorData;
    if (Array.isArray(first)) {
      data = ([] as string[]).concat(...parts.map((p) => p[name]!.data as string[]));
    } else {
      const typed = new (first.constructor as new (n: number) => Exclude<TensorData, string[]>)(total);
      let at = 0;
      for (const p of parts) {
        const d = p[name]!.data as Exclude<TensorData, string[]>;
        (typed as Float32Array).set(d as Float32Array, at);
        at += d.length;
      }
      data = typed;
    }
    out[name] = { data, dims: [total, 1] };
  }
  return out;
}
