export interface LockMirror {
  url: string;
  packages: number;
  /** Package names npm asked for that the lock (or the cache) does not have. */
  misses: Set<string>;
  /** Paths (under `/-/files/`) of the extra files that were downloaded. */
  served: Set<string>;
  close(): Promise<void>;
}
export declare function contentPath(cacheDir: string, integrity: string): string | undefined;
export declare function startLockMirror(opts: { lockFile: string; cacheDir: string; exclude?: (name: string) => boolean; port?: number; files?: Record<string, string> }): Promise<LockMirror>;
