import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

/** Content whose digest is known: either held in memory (small) or spooled to a file (large). */
export type Spooled =
  | { kind: 'bytes'; bytes: Buffer; digest: string; size: number }
  | { kind: 'file'; file: string; digest: string; size: number };

async function writeAll(handle: FileHandle, chunk: Uint8Array): Promise<void> {
  for (let at = 0; at < chunk.byteLength; ) at += (await handle.write(chunk, at, chunk.byteLength - at)).bytesWritten;
}

/**
 * Reads a stream of unknown length, hashing as it goes. Up to `memoryLimit` bytes stay in memory;
 * past that, everything goes to a file in `spoolDir` (memory stays bounded whatever the size).
 * S3 has no rename, so a content-addressed key is only known once the last byte was hashed: the
 * bytes must be somewhere they can be re-read from, and a local file is far cheaper than a
 * server-side copy of a temporary object (measured in BENCHMARKS.md). The caller removes the file.
 */
export async function spoolContent(content: AsyncIterable<Uint8Array>, memoryLimit: number, spoolDir: string): Promise<Spooled> {
  const hash = createHash('sha256');
  const held: Uint8Array[] = [];
  let size = 0;
  let file: string | undefined;
  let handle: FileHandle | undefined;
  try {
    for await (const chunk of content) {
      hash.update(chunk);
      size += chunk.byteLength;
      if (!handle) {
        // Copied: a producer may reuse its chunk buffer once asked for the next one.
        held.push(Buffer.from(chunk));
        if (size <= memoryLimit) continue;
        await mkdir(spoolDir, { recursive: true });
        file = join(spoolDir, `${process.pid}-${randomBytes(8).toString('hex')}`);
        handle = await open(file, 'wx', 0o600);
        for (const part of held.splice(0)) await writeAll(handle, part);
      } else {
        await writeAll(handle, chunk);
      }
    }
    await handle?.close();
    handle = undefined;
    const digest = `sha256:${hash.digest('hex')}`;
    if (file) return { kind: 'file', file, digest, size };
    return { kind: 'bytes', bytes: Buffer.concat(held, size), digest, size };
  } catch (error) {
    await handle?.close();
    if (file) await rm(file, { force: true });
    throw error;
  }
}
