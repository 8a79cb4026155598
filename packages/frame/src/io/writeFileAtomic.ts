import { randomBytes } from 'node:crypto';
import { mkdtemp, open, rename, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { dataLocationHandler, isDataUri, localPathOf } from '../location/dataLocations';

/** Appends text to the file being written. */
export type WriteText = (text: string) => Promise<void>;

/**
 * Writes a file atomically: `produce` writes into a temporary file in the same directory, which
 * is fsync'ed and then renamed over `path`. Readers see the old file or the complete new one,
 * never a partial one; on error the temporary file is removed. For a registered URI (`s3://…`)
 * the file is written to a local temporary folder, then handed to the scheme's handler, which
 * streams it up (an S3 object appears only once complete).
 */
export async function writeFileAtomic(location: string, produce: (write: WriteText) => Promise<void>): Promise<void> {
  if (!isDataUri(location)) return writeLocalAtomic(localPathOf(location), produce);
  const handler = dataLocationHandler(location);
  const dir = await mkdtemp(join(tmpdir(), 'mlops-upload-'));
  try {
    const local = join(dir, basename(location.replace(/\/+$/, '')) || 'data');
    await writeLocalAtomic(local, produce);
    await handler.writeFile(location, local);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function writeLocalAtomic(path: string, produce: (write: WriteText) => Promise<void>): Promise<void> {
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
