import { randomBytes } from 'node:crypto';
import { mkdir, open, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

/** A spool file: its path (for removal) and an open handle, through which all its I/O goes. */
export interface SpoolFile {
  readonly path: string;
  readonly handle: FileHandle;
  /** Bytes the file holds (a kept file may hold more than the put that reuses it writes). */
  length: number;
}

/**
 * Spool files kept for the next streamed put, as `PartBuffers` keeps part buffers: a new file's page
 * cache is fresh memory, which on this project's VMs can cost far more to fault in than the write
 * itself (256 MB written to a new file: 0.06-0.43 s of system CPU; over a kept file: 0.03-0.06 s;
 * BENCHMARKS.md, session 13). A kept file is overwritten in place from offset 0 and read only up to
 * the length the put wrote, so nothing is truncated (truncating would free the pages). At most one
 * file is kept, and only up to `keepBytes`; `clear()` (the store's `close()`) removes it. All I/O goes
 * through the handle, so a kept file removed meanwhile by another process's stale-file sweep still
 * works until it is given back (its disk space is freed when the handle closes).
 */
export class SpoolFiles {
  private kept: SpoolFile | undefined;

  constructor(
    private readonly dir: string,
    private readonly keepBytes: number,
  ) {}

  /** The kept file, else a new one (created `wx+`: read and write, exclusive; mode 0600, named `<pid>-<random>`). */
  async take(): Promise<SpoolFile> {
    const kept = this.kept;
    if (kept) {
      this.kept = undefined;
      return kept;
    }
    await mkdir(this.dir, { recursive: true });
    const path = join(this.dir, `${process.pid}-${randomBytes(8).toString('hex')}`);
    return { path, handle: await open(path, 'wx+', 0o600), length: 0 };
  }

  /** Hands a file back after a put that succeeded: kept, or removed (a failed put `discard`s its file). */
  async give(file: SpoolFile): Promise<void> {
    if (!this.kept && file.length <= this.keepBytes) this.kept = file;
    else await discard(file);
  }

  /** Removes the kept file. */
  async clear(): Promise<void> {
    const kept = this.kept;
    this.kept = undefined;
    if (kept) await discard(kept);
  }
}

/** Closes and removes a spool file (one whose put failed midway, or one not kept). */
export async function discard(file: SpoolFile): Promise<void> {
  await file.handle.close().catch(() => undefined);
  await rm(file.path, { force: true });
}
