import type { Float64Column, TimestampColumn } from '../column/Column';
import { float64Column, timestampColumn } from '../column/createColumn';
import { NullMaskBuilder, nextCapacity, trim } from './NullMaskBuilder';

/** Growable Float64Array (doubling), for float64 and timestamp columns. Nulls are NaN + mask. */
export class Float64Builder extends NullMaskBuilder {
  data: Float64Array;

  constructor(capacity = 1024) {
    super();
    this.data = new Float64Array(Math.max(capacity, 16));
  }

  protected get capacity(): number {
    return this.data.length;
  }

  push(value: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = value;
  }

  pushNull(): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length] = NaN;
    this.markNull(this.length++);
  }

  protected grow(minCapacity: number): void {
    const next = new Float64Array(nextCapacity(this.data.length, minCapacity));
    next.set(this.data);
    this.data = next;
    this.growMask(next.length);
  }

  finishFloat64(): Float64Column {
    return float64Column(trim(this.data, this.length), this.finishMask());
  }

  finishTimestamp(): TimestampColumn {
    return timestampColumn(trim(this.data, this.length), this.finishMask());
  }
}
