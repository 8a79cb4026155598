import { crc32, crc32Combine } from './crc32';

/** CRC32 per `partSize` piece, fed chunk by chunk (a chunk may straddle a part boundary). */
export class PartCrcs {
  readonly crcs: number[] = [];
  private crc = 0;
  private filled = 0;
  private lastLength = 0;

  constructor(private readonly partSize: number) {}

  update(chunk: Uint8Array): void {
    for (let at = 0; at < chunk.byteLength; ) {
      const take = Math.min(this.partSize - this.filled, chunk.byteLength - at);
      this.crc = crc32(at === 0 && take === chunk.byteLength ? chunk : chunk.subarray(at, at + take), this.crc);
      this.filled += take;
      at += take;
      if (this.filled === this.partSize) this.endPart();
    }
  }

  /** The part CRCs and the whole content's CRC32 (combined from them). */
  finish(): { partCrcs: number[]; crc: number } {
    if (this.filled > 0 || this.crcs.length === 0) this.endPart();
    let crc = this.crcs[0]!;
    for (let i = 1; i < this.crcs.length; i++) crc = crc32Combine(crc, this.crcs[i]!, i === this.crcs.length - 1 ? this.lastLength : this.partSize);
    return { partCrcs: this.crcs, crc };
  }

  private endPart(): void {
    this.crcs.push(this.crc);
    this.lastLength = this.filled;
    this.crc = 0;
    this.filled = 0;
  }
}

/** The part CRCs of `bytes` in `partSize` pieces, and its whole CRC32, in one pass. */
export function partCrcsOf(bytes: Uint8Array, partSize: number): { partCrcs: number[]; crc: number } {
  const crcs = new PartCrcs(partSize);
  crcs.update(bytes);
  return crcs.finish();
}
