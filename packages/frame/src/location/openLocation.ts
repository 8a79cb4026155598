import { open, stat } from 'node:fs/promises';
import type { LocationStat } from './DataLocationHandler';
import { dataLocationHandler, isDataUri, localPathOf } from './dataLocations';

/** Sequential reads into a caller's buffer (the CSV scanner's loop), from a file or a URI's stream. */
export interface SequentialReader {
  /** Fills up to `length` bytes at `buf[offset]`; 0 at the end. */
  read(buf: Buffer, offset: number, length: number): Promise<number>;
  close(): Promise<void>;
}

/** Random access by byte range (Parquet): a file's positional reads, a URI's ranged requests. */
export interface RangeReader {
  readonly byteLength: number;
  readRange(start: number, end: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** Size and version (mtime, ETag) of a local file or a URI's object: a changed version means new content. */
export async function locationStat(location: string): Promise<LocationStat> {
  if (isDataUri(location)) return dataLocationHandler(location).stat(location);
  const info = await stat(localPathOf(location));
  return { size: info.size, version: `mtime:${info.mtimeMs}` };
}

/**
 * Opens a local path or URI for sequential reading. With `maxBytes` a URI is asked only for that
 * prefix (a ranged request), so sampling a big remote file never downloads all of it.
 */
export async function openSequentialReader(location: string, maxBytes = Infinity): Promise<SequentialReader> {
  if (!isDataUri(location)) {
    const file = await open(localPathOf(location), 'r');
    return { read: async (buf, offset, length) => (await file.read(buf, offset, length, null)).bytesRead, close: () => file.close() };
  }
  const range = Number.isFinite(maxBytes) ? { start: 0, end: maxBytes } : undefined;
  const chunks = (await dataLocationHandler(location).read(location, range))[Symbol.asyncIterator]();
  let pending: Uint8Array | undefined;
  let at = 0;
  let done = false;
  return {
    async read(buf, offset, length) {
      while (!done && (pending === undefined || at >= pending.length)) {
        const next = await chunks.next();
        if (next.done) done = true;
        else ((pending = next.value), (at = 0));
      }
      if (done && (pending === undefined || at >= pending.length)) return 0;
      const n = Math.min(length, pending!.length - at);
      buf.set(pending!.subarray(at, at + n), offset);
      at += n;
      return n;
    },
    // Stops the underlying request when the reader is closed early (sampling, an error).
    close: async () => void (done || (await chunks.return?.())),
  };
}

/** Opens a local path or URI for reads by byte range. */
export async function openRangeReader(location: string): Promise<RangeReader> {
  if (!isDataUri(location)) {
    const file = await open(localPathOf(location), 'r');
    const byteLength = (await file.stat()).size;
    return {
      byteLength,
      async readRange(start, end) {
        const out = new Uint8Array(end - start);
        let done = 0;
        while (done < out.length) {
          const { bytesRead } = await file.read(out, done, out.length - done, start + done);
          if (bytesRead === 0) break;
          done += bytesRead;
        }
        return out;
      },
      close: () => file.close(),
    };
  }
  const handler = dataLocationHandler(location);
  const byteLength = (await handler.stat(location)).size;
  return {
    byteLength,
    async readRange(start, end) {
      const out = new Uint8Array(end - start);
      let done = 0;
      if (end > start) for await (const chunk of await handler.read(location, { start, end })) {
        const n = Math.min(chunk.length, out.length - done);
        out.set(chunk.subarray(0, n), done);
        done += n;
      }
      return out;
    },
    close: async () => undefined,
  };
}
