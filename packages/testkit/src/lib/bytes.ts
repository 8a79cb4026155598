import { createHash, randomBytes } from 'node:crypto';

/** `sha256:<hex>` of some bytes, computed independently of the store under test. */
export function sha256Digest(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** Random bytes of a length, as a plain Uint8Array (not a Buffer) to catch stores relying on Buffer. */
export function randomContent(length: number): Uint8Array {
  return new Uint8Array(randomBytes(length));
}

/** Yields `bytes` in chunks of `size`, asynchronously, like a network or file stream. */
export async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) {
    await Promise.resolve();
    yield bytes.subarray(at, Math.min(at + size, bytes.length));
  }
}

/** Concatenates a stream of chunks. */
export async function collect(stream: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const part of stream) parts.push(part);
  return new Uint8Array(Buffer.concat(parts));
}
