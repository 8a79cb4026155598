const decoder = new TextDecoder();

/**
 * String interning keyed by raw UTF-8 bytes: an open-addressing hash table over a byte pool.
 * Looking up a value that is already known allocates nothing, which is what lets a CSV reader
 * dictionary-encode a million string cells without creating a million strings.
 */
export class ByteDictionary {
  /** Decoded values, by code. */
  readonly values: string[] = [];
  private readonly byString = new Map<string, number>();
  private table: Int32Array = new Int32Array(1024); // code + 1; 0 = empty slot
  private hashes: Int32Array = new Int32Array(256);
  private starts: Int32Array = new Int32Array(256);
  private lengths: Int32Array = new Int32Array(256);
  private pool: Uint8Array = new Uint8Array(4096);
  private poolUsed = 0;

  get size(): number {
    return this.values.length;
  }

  /** Code of the UTF-8 bytes `buf[start..end)`, adding them if new. */
  codeOfBytes(buf: Uint8Array, start: number, end: number): number {
    let h = 0x811c9dc5 | 0;
    for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i], 0x01000193);
    const mask = this.table.length - 1;
    const len = end - start;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const entry = this.table[slot];
      if (entry === 0) return this.insert(slot, h, buf, start, end, undefined);
      const code = entry - 1;
      if (this.hashes[code] === h && this.lengths[code] === len && this.sameBytes(code, buf, start)) return code;
    }
  }

  /** Code of a JS string, adding it if new. */
  codeOfString(value: string): number {
    const known = this.byString.get(value);
    if (known !== undefined) return known;
    const bytes = Buffer.from(value, 'utf8');
    return this.codeOfBytes(bytes, 0, bytes.length);
  }

  private sameBytes(code: number, buf: Uint8Array, start: number): boolean {
    const pool = this.pool;
    const base = this.starts[code];
    const len = this.lengths[code];
    for (let i = 0; i < len; i++) if (pool[base + i] !== buf[start + i]) return false;
    return true;
  }

  private insert(slot: number, hash: number, buf: Uint8Array, start: number, end: number, text: string | undefined): number {
    const code = this.values.length;
    const len = end - start;
    if (code === this.hashes.length) this.growEntries();
    if (this.poolUsed + len > this.pool.length) this.growPool(this.poolUsed + len);
    this.pool.set(buf.subarray(start, end), this.poolUsed);
    this.hashes[code] = hash;
    this.starts[code] = this.poolUsed;
    this.lengths[code] = len;
    this.poolUsed += len;
    const value = text ?? decoder.decode(buf.subarray(start, end));
    this.values.push(value);
    if (!this.byString.has(value)) this.byString.set(value, code);
    this.table[slot] = code + 1;
    // Keep the load factor under 1/2 so probe runs stay short.
    if ((code + 1) * 2 > this.table.length) this.rehash();
    return code;
  }

  private growEntries(): void {
    const n = this.hashes.length * 2;
    this.hashes = grown(this.hashes, n);
    this.starts = grown(this.starts, n);
    this.lengths = grown(this.lengths, n);
  }

  private growPool(min: number): void {
    const next = new Uint8Array(Math.max(min, this.pool.length * 2));
    next.set(this.pool.subarray(0, this.poolUsed));
    this.pool = next;
  }

  private rehash(): void {
    const table = new Int32Array(this.table.length * 2);
    const mask = table.length - 1;
    for (let code = 0; code < this.values.length; code++) {
      let slot = this.hashes[code] & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = code + 1;
    }
    this.table = table;
  }
}

function grown(array: Int32Array, length: number): Int32Array {
  const next = new Int32Array(length);
  next.set(array);
  return next;
}
