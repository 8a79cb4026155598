import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** Content whose digest is known: either held in memory (small) or spooled to a file (large). */
export type Spooled =
  | { kind: 'bytes'; bytes: Buffer; digest: string; size: number }
  | { kind: 'file'; file: string; digest: string; size: number };

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
  const iterator = content[Symbol.asyncIterator]();
  for (;;) {
    const next = await iterator.next();
    if (next.done) {
      const bytes = Buffer.concat(held, size);
      return { kind: 'bytes', bytes, digest: `sha256:${hash.digest('hex')}`, size };
    }
    hash.update(next.value);
    size += next.value.byteLength;
    // Copied: a producer may reuse its chunk buffer once asked for the next one.
    held.push(Buffer.from(next.value));
    if (size > memoryLimit) break;
  }
  await mkdir(spoolDir, { recursive: true });
  const file = join(spoolDir, `${process.pid}-${randomBytes(8).toString('hex')}`);
  const handle = await open(file, 'wx', 0o600);
  try {
    const write = async (chunk: Uint8Array) => {
      for (let at = 0; at < chunk.byteLength; ) at += (await handle.write(chunk, at, chunk.byteLength - at)).bytesWritten;
    };
    for (const chunk of held.splice(0)) await write(chunk);
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      hash.update(next.value);
      size += next.value.byteLength;
      await write(next.value);
    }
  } catch (error) {
    await handle.close();
    await rm(file, { force: true });
    throw error;
  }
  await handle.close();
  return { kind: 'file', file, digest: `sha256:${hash.digest('hex')}`, size };
}
