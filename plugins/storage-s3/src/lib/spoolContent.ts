import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from './crc32';

/**
 * Content whose digest (and CRC32, which reads check) is known: either held in memory (at most one
 * part) or spooled to a file.
 */
export type Spooled =
  | { kind: 'bytes'; bytes: Buffer; digest: string; crc: number; size: number }
  | { kind: 'file'; file: string; digest: string; crc: number; size: number };

async function writeAll(handle: FileHandle, chunks: Uint8Array[]): Promise<void> {
  let { bytesWritten } = await handle.writev(chunks);
  // writev may stop short (disk full, signals); finish chunk by chunk from where it stopped.
  for (const chunk of chunks) {
    if (bytesWritten >= chunk.byteLength) {
      bytesWritten -= chunk.byteLength;
      continue;
    }
    for (let at = bytesWritten; at < chunk.byteLength; ) at += (await handle.write(chunk, at, chunk.byteLength - at)).bytesWritten;
    bytesWritten = 0;
  }
}

/**
 * Reads a stream of unknown length, hashing as it goes. Up to `hold.length` bytes (one multipart
 * part) are copied into `hold` (a buffer the caller reuses from put to put: fresh memory is slow to
 * fault in, see `PartBuffers`); past that, everything goes to a file in `spoolDir`, so memory stays
 * bounded whatever the size. Each chunk is hashed on the main thread while its write runs on libuv's
 * thread pool, so the spool costs little more wall time than the hash alone.
 * S3 has no rename, so a content-addressed key is only known once the last byte was hashed: the
 * bytes must be somewhere they can be re-read from, and a local file is far cheaper than a
 * server-side copy of a temporary object (measured in BENCHMARKS.md). The caller removes the file;
 * `bytes` of the result is a view of `hold`.
 */
export async function spoolContent(content: AsyncIterable<Uint8Array>, hold: Buffer, spoolDir: string): Promise<Spooled> {
  const hash = createHash('sha256');
  let crc = 0;
  let size = 0;
  let file: string | undefined;
  let handle: FileHandle | undefined;
  try {
    for await (const chunk of content) {
      if (!handle && size + chunk.byteLength <= hold.length) {
        hash.update(chunk);
        crc = crc32(chunk, crc);
        // Copied: a producer may reuse its chunk buffer once asked for the next one.
        hold.set(chunk, size);
        size += chunk.byteLength;
        continue;
      }
      let pending = [chunk];
      if (!handle) {
        await mkdir(spoolDir, { recursive: true });
        file = join(spoolDir, `${process.pid}-${randomBytes(8).toString('hex')}`);
        handle = await open(file, 'wx', 0o600);
        pending = [hold.subarray(0, size), chunk];
      }
      // The write ends before the next chunk is asked for (the producer may reuse its buffer then).
      const writing = writeAll(handle, pending);
      hash.update(chunk);
      crc = crc32(chunk, crc);
      await writing;
      size += chunk.byteLength;
    }
    await handle?.close();
    handle = undefined;
    const digest = `sha256:${hash.digest('hex')}`;
    if (file) return { kind: 'file', file, digest, crc, size };
    return { kind: 'bytes', bytes: hold.subarray(0, size), digest, crc, size };
  } catch (error) {
    await handle?.close();
    if (file) await rm(file, { force: true });
    throw error;
  }
}
