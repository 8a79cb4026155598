import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { PartCrcs } from './partCrcs';
import { discard, type SpoolFile, type SpoolFiles } from './spoolFiles';

/**
 * Content whose digest and CRC32s are known: either held in memory (at most one part) or spooled to
 * a file. `partCrcs` are the CRC32s of its `partSize` pieces (what a multipart upload sends with
 * each part), `crc` the whole content's (derived from them, not computed twice).
 */
export type Spooled = { digest: string; crc: number; partCrcs: number[]; size: number } & ({ kind: 'bytes'; bytes: Buffer } | { kind: 'file'; file: SpoolFile });

async function writeAll(handle: FileHandle, chunks: Uint8Array[], position: number): Promise<void> {
  let { bytesWritten } = await handle.writev(chunks, position);
  // writev may stop short (disk full, signals); finish chunk by chunk from where it stopped.
  let at = position;
  for (const chunk of chunks) {
    if (bytesWritten >= chunk.byteLength) {
      bytesWritten -= chunk.byteLength;
      at += chunk.byteLength;
      continue;
    }
    for (let done = bytesWritten; done < chunk.byteLength; ) done += (await handle.write(chunk, done, chunk.byteLength - done, at + done)).bytesWritten;
    at += chunk.byteLength;
    bytesWritten = 0;
  }
}

/**
 * Reads a stream of unknown length, hashing as it goes. Up to `hold.length` bytes (one multipart
 * part) are copied into `hold` (a buffer the caller reuses from put to put: fresh memory is slow to
 * fault in, see `PartBuffers`); past that, everything goes to a spool file from `spool` (a kept one
 * when there is one, overwritten from offset 0), so memory stays bounded whatever the size. Each
 * chunk is hashed on the main thread while its write runs on libuv's thread pool, so the spool costs
 * little more wall time than the hash alone.
 * S3 has no rename, so a content-addressed key is only known once the last byte was hashed: the
 * bytes must be somewhere they can be re-read from, and a local file is far cheaper than a
 * server-side copy of a temporary object (measured in BENCHMARKS.md, sessions 10 and 13). The caller
 * gives the file back to `spool` (or discards it); on failure it is discarded here. `bytes` of the
 * result is a view of `hold`.
 */
export async function spoolContent(content: AsyncIterable<Uint8Array>, hold: Buffer, partSize: number, spool: SpoolFiles): Promise<Spooled> {
  const hash = createHash('sha256');
  const crcs = new PartCrcs(partSize);
  let size = 0;
  let file: SpoolFile | undefined;
  try {
    for await (const chunk of content) {
      if (!file && size + chunk.byteLength <= hold.length) {
        hash.update(chunk);
        crcs.update(chunk);
        // Copied: a producer may reuse its chunk buffer once asked for the next one.
        hold.set(chunk, size);
        size += chunk.byteLength;
        continue;
      }
      let pending = [chunk];
      if (!file) {
        file = await spool.take();
        pending = [hold.subarray(0, size), chunk];
      }
      // The write ends before the next chunk is asked for (the producer may reuse its buffer then).
      const writing = writeAll(file.handle, pending, pending.length === 2 ? 0 : size);
      hash.update(chunk);
      crcs.update(chunk);
      await writing;
      size += chunk.byteLength;
      file.length = Math.max(file.length, size);
    }
    const digest = `sha256:${hash.digest('hex')}`;
    const { partCrcs, crc } = crcs.finish();
    if (file) return { kind: 'file', file, digest, crc, partCrcs, size };
    return { kind: 'bytes', bytes: hold.subarray(0, size), digest, crc, partCrcs, size };
  } catch (error) {
    if (file) await discard(file);
    throw error;
  }
}
