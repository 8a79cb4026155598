import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Deletes temp files not modified for `maxAgeMs`: leftovers of writers that were killed or stalled.
 * Age, not the pid in the name, decides: the folder may be shared by several hosts (NFS), where a
 * pid means nothing, and a live writer touches its file with every chunk. Returns the names removed.
 */
export async function removeStaleTempFiles(tempDir: string, maxAgeMs: number, now = Date.now()): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(tempDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const removed: string[] = [];
  for (const name of names) {
    const file = join(tempDir, name);
    const info = await stat(file).catch(() => undefined); // gone already: another process cleaned it
    if (!info || now - info.mtimeMs < maxAgeMs) continue;
    await rm(file, { force: true, recursive: true });
    removed.push(name);
  }
  return removed;
}
