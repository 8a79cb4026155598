/** Field flag: the field was quoted (its bounds exclude the quotes). */
export const FIELD_QUOTED = 1;
/** Field flag: the quoted field contains `""` escapes that must be collapsed to read its text. */
export const FIELD_ESCAPED = 2;

/** `next()` results. */
export const SCAN_NEED_MORE = 0;
export const SCAN_RECORD = 1;
export const SCAN_END = 2;

/** Problems the scanner itself can see in a record. */
export const PROBLEM_NONE = 0;
export const PROBLEM_UNTERMINATED = 1;
export const PROBLEM_JUNK_AFTER_QUOTE = 2;

const LF = 10;
const CR = 13;
const QUOTE = 34;

const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const AFTER_QUOTE = 3;

/**
 * Resumable RFC 4180 record scanner over raw bytes. It finds field boundaries only (no decoding),
 * so the caller can parse numbers straight from the bytes.
 *
 * When the buffer ends inside a record it returns SCAN_NEED_MORE and keeps its state; the caller
 * moves the unread tail to the front of the buffer (`shift`), appends more bytes and calls `next`
 * again, which continues where it stopped instead of rescanning the record. CRLF and LF both end
 * a record; quoted fields may contain delimiters, `""` and newlines.
 */
export class CsvScanner {
  /** Field bounds of the current record (byte offsets into the buffer). */
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  flags = new Uint8Array(64);
  fieldCount = 0;
  /** Newlines inside quoted fields of the current record (it spans `1 + newlines` lines). */
  newlines = 0;
  /** Buffer offset of the current record's first byte. */
  recordStart = 0;
  /** Next byte to scan. */
  pos = 0;
  problem = PROBLEM_NONE;
  private inRecord = false;
  private mode = FIELD_START;
  private fieldStart = 0;
  private fieldFlags = 0;

  constructor(private readonly delimiter: number) {}

  /** Scans up to the end of the next record. `eof` says no bytes will follow `end`. */
  next(buf: Uint8Array, end: number, eof: boolean): number {
    if (!this.inRecord) {
      if (this.pos >= end) return eof ? SCAN_END : SCAN_NEED_MORE;
      this.begin();
    }
    const delimiter = this.delimiter;
    for (;;) {
      switch (this.mode) {
        case FIELD_START: {
          const pos = this.pos;
          if (pos >= end) {
            if (!eof) return SCAN_NEED_MORE;
            this.push(pos, pos);
            return this.done();
          }
          const c = buf[pos];
          this.fieldFlags = 0;
          if (c === QUOTE) {
            this.fieldFlags = FIELD_QUOTED;
            this.fieldStart = pos + 1;
            this.pos = pos + 1;
            this.mode = QUOTED;
          } else if (c === delimiter) {
            this.push(pos, pos);
            this.pos = pos + 1;
          } else if (c === LF) {
            this.push(pos, pos);
            this.pos = pos + 1;
            return this.done();
          } else {
            this.fieldStart = pos;
            this.mode = UNQUOTED;
          }
          break;
        }
        case UNQUOTED: {
          let p = this.pos;
          while (p < end) {
            const c = buf[p];
            if (c === delimiter) {
              this.push(this.fieldStart, p);
              this.pos = p + 1;
              this.mode = FIELD_START;
              break;
            }
            if (c === LF) {
              this.push(this.fieldStart, p > this.fieldStart && buf[p - 1] === CR ? p - 1 : p);
              this.pos = p + 1;
              return this.done();
            }
            p++;
          }
          if (p < end) break; // ended a field on a delimiter
          this.pos = p;
          if (!eof) return SCAN_NEED_MORE;
          this.push(this.fieldStart, p > this.fieldStart && buf[p - 1] === CR ? p - 1 : p);
          return this.done();
        }
        case QUOTED: {
          let p = this.pos;
          let newlines = 0;
          while (p < end) {
            const c = buf[p];
            if (c === QUOTE) break;
            if (c === LF) newlines++;
            p++;
          }
          this.newlines += newlines;
          this.pos = p;
          if (p >= end) {
            if (!eof) return SCAN_NEED_MORE;
            this.problem = PROBLEM_UNTERMINATED;
            this.push(this.fieldStart, p);
            return this.done();
          }
          this.pos = p + 1;
          this.mode = AFTER_QUOTE;
          break;
        }
        case AFTER_QUOTE: {
          const pos = this.pos;
          if (pos >= end) {
            if (!eof) return SCAN_NEED_MORE;
            this.push(this.fieldStart, pos - 1);
            return this.done();
          }
          const c = buf[pos];
          if (c === QUOTE) {
            this.fieldFlags |= FIELD_ESCAPED;
            this.pos = pos + 1;
            this.mode = QUOTED;
          } else if (c === delimiter) {
            this.push(this.fieldStart, pos - 1);
            this.pos = pos + 1;
            this.mode = FIELD_START;
          } else if (c === LF) {
            this.push(this.fieldStart, pos - 1);
            this.pos = pos + 1;
            return this.done();
          } else if (c === CR && pos + 1 >= end && !eof) {
            return SCAN_NEED_MORE; // cannot tell CRLF from junk yet; re-entry resumes here
          } else if (c === CR && pos + 1 < end && buf[pos + 1] === LF) {
            this.push(this.fieldStart, pos - 1);
            this.pos = pos + 2;
            return this.done();
          } else {
            // `"ab"c`: keep scanning to the end of the field so the record ends where it should.
            this.problem = PROBLEM_JUNK_AFTER_QUOTE;
            this.mode = UNQUOTED;
          }
          break;
        }
      }
    }
  }

  /** Abandons the current record and resumes scanning at `pos` (used to recover from bad rows). */
  rewindTo(pos: number): void {
    this.pos = pos;
    this.inRecord = false;
  }

  /** True while a record is partly scanned (its bytes from `recordStart` must be kept). */
  get pending(): boolean {
    return this.inRecord;
  }

  /** Adjusts every offset after the caller dropped `by` bytes from the front of the buffer. */
  shift(by: number): void {
    this.pos -= by;
    this.recordStart -= by;
    this.fieldStart -= by;
    for (let i = 0; i < this.fieldCount; i++) {
      this.starts[i] -= by;
      this.ends[i] -= by;
    }
  }

  private begin(): void {
    this.inRecord = true;
    this.recordStart = this.pos;
    this.fieldCount = 0;
    this.newlines = 0;
    this.problem = PROBLEM_NONE;
    this.mode = FIELD_START;
  }

  private done(): number {
    this.inRecord = false;
    return SCAN_RECORD;
  }

  private push(start: number, end: number): void {
    const i = this.fieldCount++;
    if (i === this.starts.length) this.growFields();
    this.starts[i] = start;
    this.ends[i] = end;
    this.flags[i] = this.fieldFlags;
  }

  private growFields(): void {
    const n = this.starts.length * 2;
    const starts = new Int32Array(n);
    const ends = new Int32Array(n);
    const flags = new Uint8Array(n);
    starts.set(this.starts);
    ends.set(this.ends);
    flags.set(this.flags);
    this.starts = starts;
    this.ends = ends;
    this.flags = flags;
  }
}

/** Copies a quoted field's text with each `""` collapsed to `"`; returns the byte length written. */
export function unescapeQuoted(buf: Uint8Array, start: number, end: number, out: Uint8Array): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    out[n++] = buf[i];
    if (buf[i] === QUOTE) i++;
  }
  return n;
}
