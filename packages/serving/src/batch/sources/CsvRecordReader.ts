import { open, type FileHandle } from 'node:fs/promises';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** One CSV record and the file offset just after it (where a resumed reader starts). */
export interface CsvRecord {
  /** Text, or a number for a plain unquoted number in a field marked in `numericFields`. */
  fields: (string | number)[];
  end: number;
}

/**
 * Reads RFC 4180 records from any byte offset of a CSV file, in bounded memory: one read buffer
 * (grown only for a record longer than it). `@mlops/frame`'s `readCsv` builds the whole frame, and
 * batch inference must stop between chunks and restart at a byte offset, hence this small reader.
 * Quoted fields may hold delimiters, `""` and newlines; CRLF and LF; blank lines are skipped.
 */
export class CsvRecordReader {
  private buf: Buffer;
  private start = 0; // first unconsumed byte in buf
  private filled = 0;
  private base: number; // file offset of buf[0]
  private eof = false;
  /**
   * Fields (by index) that the caller will read as numbers: a plain decimal there is parsed from the
   * bytes, skipping a string per cell (the bulk of batch inference's garbage otherwise).
   */
  numericFields: readonly boolean[] = [];

  private constructor(
    private readonly file: FileHandle,
    private readonly delimiter: number,
    offset: number,
    chunkSize: number,
  ) {
    this.buf = Buffer.allocUnsafe(chunkSize);
    this.base = offset;
  }

  /** Opens `path` at byte `offset` (0: the start; a UTF-8 BOM there is skipped). */
  static async open(path: string, offset = 0, options: { delimiter?: string; chunkSize?: number } = {}): Promise<CsvRecordReader> {
    const file = await open(path, 'r');
    const reader = new CsvRecordReader(file, (options.delimiter ?? ',').charCodeAt(0), offset, options.chunkSize ?? 1 << 20);
    if (offset === 0) {
      while (reader.filled < 3 && !reader.eof) await reader.fill();
      if (reader.buf[0] === 0xef && reader.buf[1] === 0xbb && reader.buf[2] === 0xbf) reader.start = 3;
    }
    return reader;
  }

  /**
   * The next non-blank record if it is already in the buffer, else null (call `next`, which reads).
   * Lets a caller take the records of one buffer without a promise per record.
   */
  nextBuffered(): CsvRecord | null {
    for (;;) {
      const end = this.recordEnd();
      if (end < 0) return null;
      const record = this.parse(this.start, end);
      this.start = end;
      if (record.length === 1 && record[0] === '') continue; // blank line
      return { fields: record, end: this.base + end };
    }
  }

  /** File offset after the record last taken by `appendBuffered`. */
  lastEnd = 0;

  /**
   * Columnar form of `nextBuffered`: appends the next buffered record's fields to `columns[c]`
   * (fields beyond `columns` are only counted) and returns how many fields it had; -1 when no
   * whole record is buffered (call `next`). No record object or field array per row.
   */
  appendBuffered(columns: unknown[][]): number {
    for (;;) {
      const end = this.recordEnd();
      if (end < 0) return -1;
      const from = this.start;
      this.start = end;
      // A blank line (only a newline) is skipped, as `next` does.
      if (end - from === 1 || (end - from === 2 && this.buf[from] === CR)) continue;
      this.lastEnd = this.base + end;
      return this.parseInto(from, end, columns);
    }
  }

  /** The next non-blank record, or undefined at the end of the file. */
  async next(): Promise<CsvRecord | undefined> {
    for (;;) {
      const end = this.recordEnd();
      if (end >= 0) {
        const record = this.parse(this.start, end);
        this.start = end;
        if (record.length === 1 && record[0] === '') continue; // blank line
        return { fields: record, end: this.base + end };
      }
      if (this.eof) {
        if (this.start >= this.filled) return undefined;
        const record = this.parse(this.start, this.filled); // last record without a newline
        this.start = this.filled;
        return record.length === 1 && record[0] === '' ? undefined : { fields: record, end: this.base + this.filled };
      }
      await this.fill();
    }
  }

  async close(): Promise<void> {
    await this.file.close();
  }

  /** Offset after the newline that ends the record at `start`, or -1 if it is not all in the buffer. */
  private recordEnd(): number {
    let quoted = false;
    for (let i = this.start; i < this.filled; i++) {
      const c = this.buf[i];
      if (c === QUOTE) quoted = !quoted;
      else if (c === LF && !quoted) return i + 1;
    }
    return -1;
  }

  /** Splits bytes [from, to) into fields, unquoting; the trailing newline (LF or CRLF) is dropped. */
  private parse(from: number, to: number): (string | number)[] {
    let end = to;
    if (end > from && this.buf[end - 1] === LF) end--;
    if (end > from && this.buf[end - 1] === CR) end--;
    const fields: (string | number)[] = [];
    let i = from;
    for (;;) {
      if (this.buf[i] === QUOTE && i < end) {
        let text = '';
        let j = i + 1;
        for (;;) {
          const q = this.buf.indexOf(QUOTE, j);
          if (q < 0 || q >= end) {
            text += this.buf.toString('utf8', j, end); // unterminated: keep what is there
            j = end;
            break;
          }
          text += this.buf.toString('utf8', j, q);
          if (this.buf[q + 1] === QUOTE && q + 1 < end) {
            text += '"';
            j = q + 2;
          } else {
            j = q + 1;
            break;
          }
        }
        // Anything between the closing quote and the delimiter is kept as text (lenient).
        const next = this.indexOfDelimiter(j, end);
        fields.push(text + this.buf.toString('utf8', j, next));
        if (next >= end) return fields;
        i = next + 1;
      } else {
        const next = this.indexOfDelimiter(i, end);
        const n = this.numericFields[fields.length] ? plainNumber(this.buf, i, next) : undefined;
        fields.push(n ?? this.buf.toString('utf8', i, next));
        if (next >= end) return fields;
        i = next + 1;
      }
    }
  }

  /** `parse`, appending each field to its column (plain unquoted fields only take the fast path). */
  private parseInto(from: number, to: number, columns: unknown[][]): number {
    let end = to;
    if (end > from && this.buf[end - 1] === LF) end--;
    if (end > from && this.buf[end - 1] === CR) end--;
    let i = from;
    for (let c = 0; ; c++) {
      if (this.buf[i] === QUOTE && i < end) {
        // Rare: hand the whole record to the general parser and copy its fields over.
        const fields = this.parse(from, to);
        for (let k = c; k < fields.length && k < columns.length; k++) columns[k]!.push(fields[k]);
        return fields.length;
      }
      const next = this.indexOfDelimiter(i, end);
      if (c < columns.length) {
        const n = this.numericFields[c] ? plainNumber(this.buf, i, next) : undefined;
        columns[c]!.push(n ?? this.buf.toString('utf8', i, next));
      }
      if (next >= end) return c + 1;
      i = next + 1;
    }
  }

  private indexOfDelimiter(from: number, end: number): number {
    const at = this.buf.indexOf(this.delimiter, from);
    return at < 0 || at > end ? end : at;
  }

  /** Moves the unconsumed tail to the front and reads more after it (growing for a huge record). */
  private async fill(): Promise<void> {
    if (this.start > 0) {
      this.buf.copy(this.buf, 0, this.start, this.filled);
      this.filled -= this.start;
      this.base += this.start;
      this.start = 0;
    }
    if (this.filled === this.buf.length) {
      const bigger = Buffer.allocUnsafe(this.buf.length * 2);
      this.buf.copy(bigger, 0, 0, this.filled);
      this.buf = bigger;
    }
    const { bytesRead } = await this.file.read(this.buf, this.filled, this.buf.length - this.filled, this.base + this.filled);
    this.filled += bytesRead;
    if (bytesRead === 0) this.eof = true;
  }
}

const powersOfTen = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * `[-+]digits[.digits]` with at most 15 digits, else undefined (the caller keeps the text). Exact:
 * the digits form an integer below 2^53 and 10^k (k <= 22) is exact, so one IEEE division gives the
 * correctly rounded value, the same as `Number(text)`.
 */
function plainNumber(buf: Buffer, start: number, end: number): number | undefined {
  let i = start;
  let sign = 1;
  if (buf[i] === 0x2d || buf[i] === 0x2b) sign = buf[i++] === 0x2d ? -1 : 1;
  let mantissa = 0;
  let digits = 0;
  let fraction = -1;
  for (; i < end; i++) {
    const c = buf[i]!;
    if (c >= 0x30 && c <= 0x39) {
      mantissa = mantissa * 10 + (c - 0x30);
      digits++;
      if (fraction >= 0) fraction++;
    } else if (c === 0x2e && fraction < 0) fraction = 0;
    else return undefined;
  }
  if (digits === 0 || digits > 15) return undefined;
  return (sign * mantissa) / powersOfTen[Math.max(fraction, 0)]!;
}
