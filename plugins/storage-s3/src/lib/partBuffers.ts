/**
 * Part-sized buffers kept for reuse from one upload to the next. Memory a process has not touched
 * lately can cost far more to fault in than to fill: on this project's VMs a fresh 16 MiB buffer
 * took 85 ms of wall time to fill, a reused one under 1 ms (BENCHMARKS.md, session 12). A streamed
 * put copies its first part into one of these, and a multipart upload of a spool file reads its
 * parts into them. At most `keep` are kept between uploads; `clear()` drops them all.
 */
export class PartBuffers {
  private readonly free: Buffer[] = [];

  constructor(
    readonly size: number,
    private readonly keep: number,
  ) {}

  /** A buffer of `size` bytes (contents undefined): a kept one, else a new one. */
  take(): Buffer {
    return this.free.pop() ?? Buffer.allocUnsafeSlow(this.size);
  }

  /** Hands back a buffer from `take()` (or any view of one): kept unless `keep` are already. */
  give(bytes: Uint8Array): void {
    // A buffer from take() owns its whole ArrayBuffer; anything else is not ours to keep, and one
    // handed back twice must not be kept twice (two uploads would then share it).
    if (bytes.buffer.byteLength !== this.size || this.free.some((kept) => kept.buffer === bytes.buffer)) return;
    if (this.free.length < this.keep) this.free.push(Buffer.from(bytes.buffer, 0, this.size));
  }

  clear(): void {
    this.free.length = 0;
  }
}
