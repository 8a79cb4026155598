import { openSequentialReader } from '../location/openLocation';

/** Called per physical line with its bytes (without the newline or a trailing CR), 1-based. */
export type LineVisitor = (buf: Buffer, start: number, end: number, line: number) => void;

/**
 * Streams a file line by line with one reusable buffer: reads `chunkSize` bytes at a time and
 * carries an unfinished line over to the next read, so lines of any length are seen whole. `path`
 * may be a registered URI (`s3://…`): its object is read as it arrives.
 */
export async function forEachLine(path: string, chunkSize: number, visit: LineVisitor): Promise<void> {
  const file = await openSequentialReader(path);
  try {
    let buf: Buffer = Buffer.allocUnsafe(Math.max(2 * chunkSize, 64));
    let filled = 0;
    let line = 1;
    for (;;) {
      if (buf.length - filled < chunkSize) {
        const next = Buffer.allocUnsafe(Math.max(buf.length * 2, filled + chunkSize));
        buf.copy(next, 0, 0, filled);
        buf = next;
      }
      const bytesRead = await file.read(buf, filled, chunkSize);
      const eof = bytesRead === 0;
      filled += bytesRead;
      let start = 0;
      for (let nl = buf.indexOf(10, start); nl !== -1 && nl < filled; nl = buf.indexOf(10, start)) {
        visit(buf, start, nl > start && buf[nl - 1] === 13 ? nl - 1 : nl, line++);
        start = nl + 1;
      }
      if (eof) {
        if (start < filled) visit(buf, start, filled, line);
        return;
      }
      buf.copyWithin(0, start, filled);
      filled -= start;
    }
  } finally {
    await file.close();
  }
}
