const encoder = new TextEncoder();

/**
 * A list of strings kept as the UTF-8 bytes of its JSON array text (`["a","b"]`, the format the log
 * stores), in one byte buffer that doubles when full. Why not a `string[]`: a buffered second of
 * traffic held ~10,000 request ids (each a string, often a cons string of two or three heap
 * objects) that lived past a scavenge or two and were promoted to old space, bringing the next
 * mark-compact sooner; bytes outside the JS heap are never traced or promoted.
 */
export class JsonStrings {
  length = 0;
  private bytes: Uint8Array;
  /** Bytes used, the opening `[` included. */
  private used = 1;

  constructor(capacity = 1024) {
    this.bytes = new Uint8Array(Math.max(16, capacity));
    this.bytes[0] = 0x5b; // [
  }

  push(value: string): void {
    // Room for the plain case: a quote per side, a comma, one byte per character.
    this.reserve(value.length + 3);
    const bytes = this.bytes;
    let at = this.used;
    if (this.length > 0) bytes[at++] = 0x2c; // ,
    bytes[at++] = 0x22; // "
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      // Printable ASCII but " and \ is its own JSON text; anything else goes through JSON.stringify.
      if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return this.pushEscaped(value);
      bytes[at++] = c;
    }
    bytes[at++] = 0x22;
    this.used = at;
    this.length++;
  }

  /** The list's JSON text as UTF-8 (a copy: the list can go on growing, and the copy can be transferred). */
  json(): Uint8Array {
    const out = new Uint8Array(this.used + 1);
    out.set(this.bytes.subarray(0, this.used));
    out[this.used] = 0x5d; // ]
    return out;
  }

  /** Empties the list, keeping its buffer (a reused log group). */
  clear(): void {
    this.used = 1;
    this.length = 0;
  }

  /** Bytes in use (the closing `]` not counted). */
  get byteLength(): number {
    return this.used;
  }

  /** A value with escapes or non-ASCII characters: JSON.stringify escapes it (lone surrogates as \uXXXX), then its UTF-8. */
  private pushEscaped(value: string): void {
    const text = encoder.encode(JSON.stringify(value));
    this.reserve(text.byteLength + 1);
    let at = this.used;
    if (this.length > 0) this.bytes[at++] = 0x2c;
    this.bytes.set(text, at);
    this.used = at + text.byteLength;
    this.length++;
  }

  private reserve(more: number): void {
    if (this.used + more + 1 <= this.bytes.byteLength) return;
    const grown = new Uint8Array(Math.max(2 * this.bytes.byteLength, this.used + more + 1));
    grown.set(this.bytes.subarray(0, this.used));
    this.bytes = grown;
  }
}
