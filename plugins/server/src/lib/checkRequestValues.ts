import { loneSurrogateAt } from '@mlops/core';
import { ServingError, type EntityKey, type FeatureRow, type FeedSpec } from '@mlops/serving';

/** Largest float32; a double rounds to Infinity in float32 from 2^128 − 2^103 on (half an ulp above it). */
export const float32Max = 3.4028234663852886e38;

function illFormed(field: string, at: number): ServingError {
  return new ServingError('invalid_value', `${field}: expected a well-formed string, found a lone UTF-16 surrogate at index ${at} (it has no UTF-8 encoding)`, field);
}

/**
 * Entity key values must be well-formed strings (or finite numbers, which the schema already
 * ensures): the feature store encodes keys as UTF-8, where a lone surrogate has no encoding.
 */
export function checkEntityKeys(entities: readonly EntityKey[]): void {
  for (let i = 0; i < entities.length; i++) {
    const entity = entities[i]!;
    for (const key in entity) {
      const v = entity[key];
      if (typeof v === 'string') {
        const at = loneSurrogateAt(v);
        if (at >= 0) throw illFormed(`entities[${i}].${key}`, at);
      }
    }
  }
}

/**
 * Why `v` cannot be fed to an input of `kind`, or undefined when it can. A finite double beyond
 * float32's range would silently become ±Infinity, an integer beyond int32/int64 would wrap.
 */
export function unrepresentable(v: number, kind: FeedSpec['kind']): string | undefined {
  switch (kind) {
    case 'float32':
      return Number.isFinite(Math.fround(v)) ? undefined : `${v} is beyond the range of the model's float32 input (±${float32Max})`;
    case 'float64':
      return Number.isFinite(v) ? undefined : `${v} is not a finite number`;
    case 'int32':
      return v >= -(2 ** 31) && v < 2 ** 31 ? undefined : `${v} is beyond the range of the model's int32 input (−2^31 … 2^31−1)`;
    case 'int64':
      return v >= -(2 ** 63) && v < 2 ** 63 ? undefined : `${v} is beyond the range of the model's int64 input (−2^63 … 2^63−1)`;
    default:
      return undefined;
  }
}

/**
 * Every value of `rows` fits the tensor type the model takes (`specs`, from the loaded graph):
 * numbers in range, strings well-formed. `field(i, name)` names a value the way the client sent it.
 */
export function checkRepresentable(rows: readonly FeatureRow[], specs: readonly FeedSpec[], field: (row: number, name: string) => string): void {
  for (const { name, kind } of specs) {
    for (let i = 0; i < rows.length; i++) {
      const v = rows[i]![name];
      if (typeof v === 'number') {
        const why = unrepresentable(v, kind);
        if (why) throw new ServingError('invalid_value', `${field(i, name)}: ${why}`, field(i, name));
      } else if (typeof v === 'string') {
        const at = loneSurrogateAt(v);
        if (at >= 0) throw illFormed(field(i, name), at);
      }
    }
  }
}
