import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Appends text to the file being written. */
export type WriteText = (text: string) => Promise<void>;

/**
 * Writes a file atomically: `produce` writes into a temporary file in the same directory, which
 * is fsync'ed and then renamed over `path`. Readers see the old file or the complete new one,
 * never a partial one; on error the temporary file is removed.
 */
export async function writeFileAtomic(path: string, produce: (write: WriteText) => Promise<void>): Promise<void> {
  // Same directory, so the final rename never crosses a filesystem.
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const file = await open(temp, 'w');
  try {
    await produce(async (text) => {
      await file.write(text, null, 'utf8');
    });
    await file.sync();
    await file.close();
    await rename(temp, path);
  } catch (error) {
    await file.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}
