import { open } from 'node:fs/promises';

/**
 * Flushes a folder's entries, so a rename into it survives a power cut. Windows cannot open a
 * folder for syncing (EPERM/EISDIR); there NTFS journaling has to be enough.
 */
export async function fsyncDir(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (process.platform === 'win32' && (code === 'EPERM' || code === 'EISDIR')) return;
    throw error;
  } finally {
    await handle?.close();
  }
}
