import { createHash } from 'node:crypto';
import { crc32 } from './crc32';
import type { HashThread, ThreadHash } from './hashThread';

/**
 * Checks a blob's chunks in the order they arrive and hands them on in that order, checked. The
 * caller compares the digest from `end()` (`sha256:<hex>` or `crc32:<8 hex>`) with what it expects.
 */
export interface ChunkVerifier {
  /** Takes `chunk` (it may be emptied: use the returned chunks); resolves with the chunks hashed by now. */
  add(chunk: Uint8Array): Promise<Uint8Array[]>;
  /** The chunks still held, and the digest of all the content (`sha256:<hex>` or `crc32:<8 hex>`). */
  end(): Promise<{ rest: Uint8Array[]; digest: string }>;
  /** The reader stopped early. */
  abort(): void;
  /**
   * Present when the check runs on the calling thread: the same check without promises, for readers
   * that check each chunk where it arrives (see `checkedBody`). Use either this or `add`/`end`.
   */
  sync?: SyncVerifier;
}

/** A check on the calling thread: `update` each chunk in order, then `digest()` once. */
export interface SyncVerifier {
  update(chunk: Uint8Array): void;
  /** `sha256:<hex>` or `crc32:<8 hex>` of all the chunks. */
  digest(): string;
}

/** How the hash thread is fed: see {@link threadVerifier}. */
export interface ThreadBatching {
  /** Chunks go to the thread in batches of about this many bytes (one message each way per batch). */
  batchBytes: number;
  /** Batches at most in flight; past that `add` waits for the oldest (memory bound: about their product). */
  maxBatches: number;
}

/** sha256 on the calling thread, chunk by chunk: nothing is held back. */
export function inlineVerifier(): ChunkVerifier {
  const hash = createHash('sha256');
  const sync: SyncVerifier = { update: (chunk) => void hash.update(chunk), digest: () => `sha256:${hash.digest('hex')}` };
  return {
    add: async (chunk) => {
      sync.update(chunk);
      return [chunk];
    },
    end: async () => ({ rest: [], digest: sync.digest() }),
    abort: () => undefined,
    sync,
  };
}

/**
 * CRC32 on the calling thread, chunk by chunk (native SIMD, a sixth or less of sha256's CPU per byte):
 * what reads check against the CRC32 the store recorded at upload. Nothing is held back.
 */
export function crc32Verifier(): ChunkVerifier {
  let crc = 0;
  const sync: SyncVerifier = { update: (chunk) => void (crc = crc32(chunk, crc)), digest: () => crc32Digest(crc) };
  return {
    add: async (chunk) => {
      sync.update(chunk);
      return [chunk];
    },
    end: async () => ({ rest: [], digest: sync.digest() }),
    abort: () => undefined,
    sync,
  };
}

/** `crc32:<8 hex>`, the form in which the store records a blob's CRC32. */
export function crc32Digest(crc: number): string {
  return `crc32:${crc.toString(16).padStart(8, '0')}`;
}

/**
 * sha256 on the hash thread. Chunks are batched and transferred to it (no copy); while it hashes one
 * batch, the caller reads the next off the socket. With `giveBack`, hashed chunks come back for the
 * caller to hand on; without (the caller copied them already), only the window is tracked.
 */
export function threadVerifier(thread: HashThread, batching: ThreadBatching, giveBack: boolean): ChunkVerifier {
  const hash: ThreadHash = thread.open();
  const inFlight: { done: Promise<void>; chunks?: Uint8Array[] }[] = [];
  let batch: Uint8Array[] = [];
  let batchBytes = 0;
  let failure: unknown;

  const send = () => {
    if (batch.length === 0) return;
    const slot: (typeof inFlight)[number] = { done: Promise.resolve() };
    slot.done = hash.update(batch, giveBack).then(
      (chunks) => void (slot.chunks = chunks),
      (error: unknown) => void (failure ??= error),
    );
    inFlight.push(slot);
    batch = [];
    batchBytes = 0;
  };
  const hashed = (): Uint8Array[] => {
    if (failure !== undefined) throw failure;
    const out: Uint8Array[] = [];
    while (inFlight[0]?.chunks) out.push(...inFlight.shift()!.chunks!);
    return out;
  };
  return {
    add: async (chunk) => {
      batch.push(chunk);
      batchBytes += chunk.byteLength;
      if (batchBytes < batching.batchBytes) return [];
      send();
      if (inFlight.length > batching.maxBatches) await inFlight[0]!.done;
      return hashed();
    },
    end: async () => {
      send();
      await Promise.all(inFlight.map((slot) => slot.done));
      const rest = hashed();
      return { rest, digest: `sha256:${await hash.digest()}` };
    },
    abort: () => hash.abort(),
  };
}
