import type { CategoryColumn } from '../column/Column';
import { categoryColumn } from '../column/createColumn';
import { ByteDictionary } from './ByteDictionary';
import { NullMaskBuilder, nextCapacity, trim } from './NullMaskBuilder';

/** Growable dictionary-encoded string column. Null slots hold code -1. */
export class CategoryBuilder extends NullMaskBuilder {
  data: Int32Array;
  readonly dictionary = new ByteDictionary();

  constructor(capacity = 1024) {
    super();
    this.data = new Int32Array(Math.max(capacity, 16));
  }

  protected get capacity(): number {
    return this.data.length;
  }

  /** Appends the UTF-8 bytes `buf[start..end)` as one value. */
  pushBytes(buf: Uint8Array, start: number, end: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = this.dictionary.codeOfBytes(buf, start, end);
  }

  pushString(value: string): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = this.dictionary.codeOfString(value);
  }

  pushNull(): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length] = -1;
    this.markNull(this.length++);
  }

  protected grow(minCapacity: number): void {
    const next = new Int32Array(nextCapacity(this.data.length, minCapacity));
    next.set(this.data);
    this.data = next;
    this.growMask(next.length);
  }

  finish(): CategoryColumn {
    return categoryColumn(trim(this.data, this.length), this.dictionary.values, this.finishMask());
  }
}
