import { invalidArgument } from '../errors/DriftError';

/** Plain-JSON form of a `CountsProfile`. */
export interface CountsProfileJson {
  readonly kind: 'counts';
  readonly nullCount: number;
  readonly counts: Readonly<Record<string, number>>;
}

/** Mergeable summary of a bool or category column: exact counts per value and nulls. */
export class CountsProfile {
  readonly kind = 'counts' as const;
  nullCount = 0;
  readonly counts = new Map<string, number>();

  /** Present values counted. */
  get count(): number {
    let sum = 0;
    for (const c of this.counts.values()) sum += c;
    return sum;
  }

  /** Adds counts per value and `nulls` null cells. */
  addCounts(counts: ReadonlyMap<string, number>, nulls: number): this {
    this.nullCount += nulls;
    for (const [k, c] of counts) this.counts.set(k, (this.counts.get(k) ?? 0) + c);
    return this;
  }

  merge(other: CountsProfile): this {
    return this.addCounts(other.counts, other.nullCount);
  }

  clone(): CountsProfile {
    return new CountsProfile().merge(this);
  }

  toJSON(): CountsProfileJson {
    return { kind: 'counts', nullCount: this.nullCount, counts: Object.fromEntries([...this.counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) };
  }

  static fromJSON(json: CountsProfileJson, path = 'profile'): CountsProfile {
    if (typeof json.nullCount !== 'number') throw invalidArgument(`${path}.nullCount`, 'a number', json.nullCount);
    if (json.counts === null || typeof json.counts !== 'object') throw invalidArgument(`${path}.counts`, 'an object of counts', json.counts);
    const counts = new Map<string, number>();
    for (const [k, c] of Object.entries(json.counts)) {
      if (!(typeof c === 'number' && c >= 0)) throw invalidArgument(`${path}.counts.${k}`, 'a count ≥ 0', c);
      counts.set(k, c);
    }
    return new CountsProfile().addCounts(counts, json.nullCount);
  }
}
