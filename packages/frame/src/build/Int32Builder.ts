import type { Int32Column } from '../column/Column';
import { int32Column } from '../column/createColumn';
import { Float64Builder } from './Float64Builder';
import { NullMaskBuilder, nextCapacity, trim } from './NullMaskBuilder';

/** Growable Int32Array (doubling). Null slots hold 0. */
export class Int32Builder extends NullMaskBuilder {
  data: Int32Array;

  constructor(capacity = 1024) {
    super();
    this.data = new Int32Array(Math.max(capacity, 16));
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
    this.data[this.length] = 0;
    this.markNull(this.length++);
  }

  protected grow(minCapacity: number): void {
    const next = new Int32Array(nextCapacity(this.data.length, minCapacity));
    next.set(this.data);
    this.data = next;
    this.growMask(next.length);
  }

  /** Converts what has been collected so far into a float64 builder (exact: every int32 is a double). */
  toFloat64(): Float64Builder {
    const out = new Float64Builder(this.data.length);
    for (let i = 0; i < this.length; i++) {
      if (this.isNull(i)) out.pushNull();
      else out.push(this.data[i]);
    }
    return out;
  }

  finish(): Int32Column {
    return int32Column(trim(this.data, this.length), this.finishMask());
  }
}
