/**
 * Base of the growable column builders: a row count and a null mask that is only allocated when
 * the first null arrives, so columns without nulls never pay for one.
 */
export abstract class NullMaskBuilder {
  length = 0;
  protected mask: Uint8Array | undefined;

  /** Current capacity of the data array. */
  protected abstract get capacity(): number;

  /** Doubles the data array (and the mask, if any). */
  protected abstract grow(minCapacity: number): void;

  /** Marks row `index` null; the caller has already written the data filler. */
  protected markNull(index: number): void {
    if (this.mask === undefined) this.mask = new Uint8Array(this.capacity);
    this.mask[index] = 1;
  }

  protected growMask(capacity: number): void {
    if (this.mask === undefined) return;
    const next = new Uint8Array(capacity);
    next.set(this.mask);
    this.mask = next;
  }

  /** True when row `index` is null. */
  isNull(index: number): boolean {
    return this.mask !== undefined && this.mask[index] === 1;
  }

  /** Drops rows from `length` down to `rowCount`, e.g. to roll back a half-converted bad row. */
  truncate(rowCount: number): void {
    if (rowCount >= this.length) return;
    if (this.mask) this.mask.fill(0, rowCount, this.length);
    this.length = rowCount;
  }

  /** The mask trimmed to `length`, or undefined when no row is null. */
  protected finishMask(): Uint8Array | undefined {
    const mask = this.mask;
    if (mask === undefined) return undefined;
    if (mask.subarray(0, this.length).indexOf(1) === -1) return undefined;
    return trim(mask, this.length);
  }
}

/** Shortens a typed array to `length`: a view when little would be wasted, else a compact copy. */
export function trim<A extends Float64Array | Int32Array | Uint8Array>(array: A, length: number): A {
  if (length === array.length) return array;
  // A view keeps the whole buffer alive; only accept that when the slack is under 1/8.
  if (length >= array.length - (array.length >>> 3)) return array.subarray(0, length) as A;
  return array.slice(0, length) as A;
}

/** Next capacity: double, but at least `min`. */
export function nextCapacity(current: number, min: number): number {
  return Math.max(min, current * 2, 16);
}
