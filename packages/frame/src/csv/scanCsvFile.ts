import { openSequentialReader } from '../location/openLocation';
import { CsvScanner, SCAN_END, SCAN_RECORD } from './CsvScanner';

/** Visitor verdicts. */
export const RECORD_OK = 0;
/** The record was rejected; if it spans several lines, scanning resumes at its second line. */
export const RECORD_BAD = 1;
/** Stop reading (used by sampling). */
export const RECORD_STOP = 2;

/** Called for every non-blank record, the header included; `line` is where the record starts. */
export type CsvRecordVisitor = (buf: Buffer, scanner: CsvScanner, line: number) => number;

/** Options of the file loop. */
export interface ScanCsvFileOptions {
  readonly delimiter: number;
  /** Bytes per read. */
  readonly chunkSize: number;
  /** Stop reading after this many bytes (sampling); records cut off there are not visited. */
  readonly maxBytes?: number;
  /**
   * Optional fast path for records after the first (the header): called with a record start and
   * a limit that is just past a newline, it consumes one complete record and returns the offset
   * after it, or a negative number to hand that record to the scanner and the visitor instead.
   */
  readonly fast?: (buf: Buffer, pos: number, limit: number) => number;
}

/** Where the scan stopped. */
export interface ScanSummary {
  /** Absolute file offset just after the last visited record. */
  readonly offset: number;
  /** True when the whole file was scanned. */
  readonly complete: boolean;
}

const LF = 10;
const CR = 13;

/**
 * Streams a CSV file (a local path or a registered URI such as `s3://…`) through the scanner with one reusable buffer: each read appends up to
 * `chunkSize` bytes after the unfinished record, which is moved to the front first, so a record
 * straddling any number of reads is seen whole. Blank lines are skipped but counted.
 *
 * Recovery rule: when the visitor rejects a record that spans several physical lines (a quote
 * opened by mistake swallows the lines after it), only its first line is dropped and scanning
 * resumes at the next line, so a stray quote can never take good rows with it.
 */
export async function scanCsvFile(path: string, options: ScanCsvFileOptions, visit: CsvRecordVisitor): Promise<ScanSummary> {
  const { chunkSize, maxBytes = Infinity } = options;
  const file = await openSequentialReader(path, maxBytes);
  try {
    const scanner = new CsvScanner(options.delimiter);
    let buf: Buffer = Buffer.allocUnsafe(Math.max(2 * chunkSize, 64));
    let filled = 0;
    let base = 0; // file offset of buf[0]
    let readTotal = 0;
    let eof = false;
    let bomChecked = false;
    let line = 1;
    let lastEnd = 0;
    let visited = false;
    for (;;) {
      if (!eof) {
        if (buf.length - filled < chunkSize) buf = grow(buf, filled, filled + chunkSize);
        const want = Math.min(chunkSize, maxBytes - readTotal);
        const bytesRead = want > 0 ? await file.read(buf, filled, want) : 0;
        filled += bytesRead;
        readTotal += bytesRead;
        eof = bytesRead === 0 && want > 0;
        if (want <= 0) break;
      }
      if (!bomChecked) {
        if (filled < 3 && !eof) continue;
        if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) scanner.rewindTo(3);
        bomChecked = true;
      }
      let limit = -1; // fast-path limit for this chunk, computed once the header is behind us
      let status: number;
      for (;;) {
        if (options.fast && visited && !scanner.pending) {
          // Just past the last complete line, so the fast path never checks for the buffer end.
          // (Guard filled = 0: a negative lastIndexOf offset would search stale bytes.)
          if (limit < 0) limit = filled > 0 ? buf.lastIndexOf(LF, filled - 1) + 1 : 0;
          if (scanner.pos >= limit) limit = 0;
        }
        if (limit > 0 && !scanner.pending) {
          const { pos, lines } = runFast(buf, scanner.pos, limit, options.fast!);
          line += lines;
          lastEnd = base + pos;
          scanner.rewindTo(pos);
        }
        status = scanner.next(buf, filled, eof);
        if (status !== SCAN_RECORD) break;
        const start = line;
        line += 1 + scanner.newlines;
        lastEnd = base + scanner.pos;
        if (isBlankRecord(scanner)) continue;
        const verdict = visit(buf, scanner, start);
        visited = true;
        if (verdict === RECORD_STOP) return { offset: lastEnd, complete: false };
        if (verdict === RECORD_BAD && scanner.newlines > 0) {
          scanner.rewindTo(buf.indexOf(LF, scanner.recordStart) + 1);
          line = start + 1;
        }
      }
      if (status === SCAN_END) return { offset: lastEnd, complete: true };
      const keep = scanner.pending ? scanner.recordStart : scanner.pos;
      if (keep > 0) {
        buf.copyWithin(0, keep, filled);
        filled -= keep;
        base += keep;
        scanner.shift(keep);
      }
    }
    return { offset: lastEnd, complete: false };
  } finally {
    await file.close();
  }
}

/** Runs the fast path over consecutive records and blank lines; stops at its first refusal. */
function runFast(buf: Buffer, start: number, limit: number, fast: (buf: Buffer, pos: number, limit: number) => number): { pos: number; lines: number } {
  let pos = start;
  let lines = 0;
  while (pos < limit) {
    const c = buf[pos];
    if (c === LF || (c === CR && buf[pos + 1] === LF)) {
      pos += c === LF ? 1 : 2; // blank line
      lines++;
      continue;
    }
    const next = fast(buf, pos, limit);
    if (next < 0) break;
    pos = next;
    lines++;
  }
  return { pos, lines };
}

function isBlankRecord(scanner: CsvScanner): boolean {
  return scanner.fieldCount === 1 && scanner.flags[0] === 0 && scanner.starts[0] === scanner.ends[0];
}

function grow(buf: Buffer, filled: number, min: number): Buffer {
  const next = Buffer.allocUnsafe(Math.max(min, buf.length * 2));
  buf.copy(next, 0, 0, filled);
  return next;
}
