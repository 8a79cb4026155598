import type { BoolColumn } from '../column/Column';
import { boolColumn } from '../column/createColumn';
import { NullMaskBuilder, nextCapacity, trim } from './NullMaskBuilder';

/** Growable 0/1 byte array (doubling). Null slots hold 0. */
export class BoolBuilder extends NullMaskBuilder {
  data: Uint8Array;

  constructor(capacity = 1024) {
    super();
    this.data = new Uint8Array(Math.max(capacity, 16));
  }

  protected get capacity(): number {
    return this.data.length;
  }

  push(value: boolean): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = value ? 1 : 0;
  }

  pushNull(): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length] = 0;
    this.markNull(this.length++);
  }

  protected grow(minCapacity: number): void {
    const next = new Uint8Array(nextCapacity(this.data.length, minCapacity));
    next.set(this.data);
    this.data = next;
    this.growMask(next.length);
  }

  finish(): BoolColumn {
    return boolColumn(trim(this.data, this.length), this.finishMask());
  }
}
