import { invalidArgument } from '../errors/DriftError';
import { KllSketch, type KllSketchJson } from './kllSketch';

/** Plain-JSON form of a `NumericProfile`. */
export interface NumericProfileJson {
  readonly kind: 'numeric';
  readonly count: number;
  readonly nullCount: number;
  /** Moments are kept divided by `scale` (a power of two ≥ max|x|), so 1e300 values do not overflow. */
  readonly scale: number;
  /** mean / scale. */
  readonly scaledMean: number;
  /** Σ(x − mean)² / scale². */
  readonly scaledM2: number;
  /** Exact counts per value while the column has at most `maxDistinct` distinct values, else null. */
  readonly distinct: readonly (readonly [number, number])[] | null;
  readonly maxDistinct: number;
  readonly sketch: KllSketchJson;
}

/**
 * Mergeable summary of a numeric column: present count, null/NaN count, mean and the sum of squared
 * deviations (Chan et al.'s pairwise update, so merging is exact up to rounding), a KLL sketch for
 * quantiles and CDFs, and exact value counts while the column has few distinct values (so that a
 * low-cardinality numeric column is compared exactly as categories). The moments are stored
 * divided by a power of two at least max|x| (exact rescaling), so squares of 1e300 never overflow;
 * only ±Infinity values make them non-finite.
 */
export class NumericProfile {
  readonly kind = 'numeric' as const;
  count = 0;
  nullCount = 0;
  // 0 until the first values arrive, then the first batch's power of two (below 1 for tiny values).
  private scale = 0;
  private scaledMean = 0;
  private scaledM2 = 0;
  distinct: Map<number, number> | null = new Map();

  constructor(
    readonly sketch: KllSketch = new KllSketch(),
    readonly maxDistinct = 32,
  ) {}

  /** Mean of the present values (NaN when there are none). */
  get mean(): number {
    return this.count ? this.scaledMean * this.scale : NaN;
  }

  /** Population standard deviation (ddof = 0). */
  get std(): number {
    return this.count ? Math.sqrt(this.scaledM2 / this.count) * this.scale : NaN;
  }

  /** Adds a batch: present values go to the sketch and moments, `nulls` more values were null/NaN. */
  addValues(values: Float64Array, nulls: number): this {
    this.nullCount += nulls;
    const n = values.length;
    if (n === 0) return this;
    let max = 0;
    for (let i = 0; i < n; i++) max = Math.max(max, Math.abs(values[i]));
    this.rescale(powerOfTwoAtLeast(max));
    const inverse = 1 / this.scale;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[i] * inverse;
    const mean = sum / n;
    let m2 = 0;
    for (let i = 0; i < n; i++) {
      const d = values[i] * inverse - mean;
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
    if (other.count > 0) {
      this.rescale(other.scale);
      const ratio = other.scale / this.scale;
      this.combineMoments(other.count, other.scaledMean * ratio, other.scaledM2 * ratio * ratio);
    }
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
    return { kind: 'numeric', count: this.count, nullCount: this.nullCount, scale: this.scale, scaledMean: this.scaledMean, scaledM2: this.scaledM2, distinct: this.distinct && [...this.distinct].sort((a, b) => a[0] - b[0]), maxDistinct: this.maxDistinct, sketch: this.sketch.toJSON() };
  }

  static fromJSON(json: NumericProfileJson, path = 'profile'): NumericProfile {
    for (const field of ['count', 'nullCount', 'scale', 'scaledMean', 'scaledM2', 'maxDistinct'] as const) {
      if (typeof json[field] !== 'number') throw invalidArgument(`${path}.${field}`, 'a number', json[field]);
    }
    const profile = new NumericProfile(KllSketch.fromJSON(json.sketch, `${path}.sketch`), json.maxDistinct);
    if (profile.sketch.count !== json.count) throw invalidArgument(`${path}.count`, `the sketch's count (${profile.sketch.count})`, json.count);
    Object.assign(profile, { count: json.count, nullCount: json.nullCount, scale: json.scale, scaledMean: json.scaledMean, scaledM2: json.scaledM2 });
    profile.distinct = json.distinct === null ? null : new Map(json.distinct.map(([v, c]) => [v, c]));
    return profile;
  }

  /** Moments of a batch, already divided by the current scale, folded in (Chan et al.). */
  private combineMoments(n: number, mean: number, m2: number): void {
    const total = this.count + n;
    const delta = mean - this.scaledMean;
    this.scaledMean += (delta * n) / total;
    this.scaledM2 += m2 + ((delta * delta * this.count) / total) * n;
    this.count = total;
  }

  /** Raises the scale to `scale` if larger; powers of two make the rescaling exact. */
  private rescale(scale: number): void {
    if (this.scale === 0) {
      this.scale = scale;
      return;
    }
    if (!(scale > this.scale) || !Number.isFinite(scale)) return;
    const ratio = this.scale / scale;
    this.scaledMean *= ratio;
    this.scaledM2 *= ratio * ratio;
    this.scale = scale;
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

/** The smallest power of two ≥ x (1 for 0; x itself when not finite, which leaves the scale alone). */
function powerOfTwoAtLeast(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return 1;
  // 2^1023 is the largest finite power of two; x/2^1023 < 2 for every finite x.
  const top = 2 ** 1023;
  let p = 2 ** Math.min(1023, Math.ceil(Math.log2(x)));
  while (p < x && p < top) p *= 2;
  while (p / 2 >= x) p /= 2;
  return p;
}
