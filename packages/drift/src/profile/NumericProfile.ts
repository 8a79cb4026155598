import { invalidArgument } from '../errors/DriftError';
import { KllSketch, type KllSketchJson } from './kllSketch';

/** Plain-JSON form of a `NumericProfile`. */
export interface NumericProfileJson {
  readonly kind: 'numeric';
  readonly count: number;
  readonly nullCount: number;
  readonly mean: number;
  readonly m2: number;
  /** Exact counts per value while the column has at most `maxDistinct` distinct values, else null. */
  readonly distinct: readonly (readonly [number, number])[] | null;
  readonly maxDistinct: number;
  readonly sketch: KllSketchJson;
}

/**
 * Mergeable summary of a numeric column: present count, null/NaN count, mean and the sum of squared
 * deviations (Chan et al.'s pairwise update, so merging is exact up to rounding), a KLL sketch for
 * quantiles and CDFs, and exact value counts while the column has few distinct values (so that a
 * low-cardinality numeric column is compared exactly as categories). Moments overflow to Infinity
 * for values beyond about 1e154 in magnitude; the sketch and counts do not.
 */
export class NumericProfile {
  readonly kind = 'numeric' as const;
  count = 0;
  nullCount = 0;
  mean = 0;
  m2 = 0;
  distinct: Map<number, number> | null = new Map();

  constructor(
    readonly sketch: KllSketch = new KllSketch(),
    readonly maxDistinct = 32,
  ) {}

  /** Population standard deviation (ddof = 0). */
  get std(): number {
    return this.count ? Math.sqrt(this.m2 / this.count) : NaN;
  }

  /** Adds a batch: present values go to the sketch and moments, `nulls` more values were null/NaN. */
  addValues(values: Float64Array, nulls: number): this {
    this.nullCount += nulls;
    const n = values.length;
    if (n === 0) return this;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[i];
    const mean = sum / n;
    let m2 = 0;
    for (let i = 0; i < n; i++) {
      const d = values[i] - mean;
      m2 += d * d;
    }
    this.combineMoments(n, mean, m2);
    this.sketch.updateAll(values);
    if (this.distinct !== null) this.countDistinct(values);
    return this;
  }

  /** Folds `other` in (same sketch k). */
  merge(other: NumericProfile): this {
    this.nullCount += other.nullCount;
    if (other.count > 0) this.combineMoments(other.count, other.mean, other.m2);
    this.sketch.merge(other.sketch);
    if (this.distinct !== null && other.distinct !== null) {
      for (const [v, c] of other.distinct) this.distinct.set(v, (this.distinct.get(v) ?? 0) + c);
      if (this.distinct.size > this.maxDistinct) this.distinct = null;
    } else this.distinct = null;
    return this;
  }

  /** A deep copy. */
  clone(): NumericProfile {
    return NumericProfile.fromJSON(this.toJSON());
  }

  toJSON(): NumericProfileJson {
    return { kind: 'numeric', count: this.count, nullCount: this.nullCount, mean: this.mean, m2: this.m2, distinct: this.distinct && [...this.distinct].sort((a, b) => a[0] - b[0]), maxDistinct: this.maxDistinct, sketch: this.sketch.toJSON() };
  }

  static fromJSON(json: NumericProfileJson, path = 'profile'): NumericProfile {
    for (const field of ['count', 'nullCount', 'mean', 'm2', 'maxDistinct'] as const) {
      if (typeof json[field] !== 'number') throw invalidArgument(`${path}.${field}`, 'a number', json[field]);
    }
    const profile = new NumericProfile(KllSketch.fromJSON(json.sketch, `${path}.sketch`), json.maxDistinct);
    if (profile.sketch.count !== json.count) throw invalidArgument(`${path}.count`, `the sketch's count (${profile.sketch.count})`, json.count);
    Object.assign(profile, { count: json.count, nullCount: json.nullCount, mean: json.mean, m2: json.m2 });
    profile.distinct = json.distinct === null ? null : new Map(json.distinct.map(([v, c]) => [v, c]));
    return profile;
  }

  private combineMoments(n: number, mean: number, m2: number): void {
    const total = this.count + n;
    const delta = mean - this.mean;
    this.mean += (delta * n) / total;
    this.m2 += m2 + ((delta * delta * this.count) / total) * n;
    this.count = total;
  }

  private countDistinct(values: Float64Array): void {
    const map = this.distinct as Map<number, number>;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      const c = map.get(v);
      if (c !== undefined) map.set(v, c + 1);
      else if (map.size === this.maxDistinct) {
        this.distinct = null;
        return;
      } else map.set(v, 1);
    }
  }
}
