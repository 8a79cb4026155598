import { createHash, randomBytes } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** A fully written and fsynced temp file, with the digest and size of what went into it. */
export interface TempBlob {
  file: string;
  digest: string;
  size: number;
}

/**
 * Streams `content` into a new file in `tempDir`, hashing as it goes, and fsyncs it. The file name
 * starts with the pid, to tell whose it is when debugging. On any failure the temp file is removed.
 */
export async function writeTempBlob(tempDir: string, content: Uint8Array | AsyncIterable<Uint8Array>): Promise<TempBlob> {
  const file = join(tempDir, `${process.pid}-${randomBytes(8).toString('hex')}`);
  const handle = await open(file, 'wx', 0o644);
  const hash = createHash('sha256');
  let size = 0;
  const write = async (chunk: Uint8Array) => {
    hash.update(chunk);
    size += chunk.byteLength;
    // A write may be partial; loop until the whole chunk is on disk.
    for (let at = 0; at < chunk.byteLength; ) at += (await handle.write(chunk, at, chunk.byteLength - at)).bytesWritten;
  };
  try {
    try {
      if (content instanceof Uint8Array) await write(content);
      else for await (const chunk of content) await write(chunk);
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    await rm(file, { force: true });
    throw error;
  }
  return { file, digest: `sha256:${hash.digest('hex')}`, size };
}
