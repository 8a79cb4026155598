import type { FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { PutObjectCommand } from '@aws-sdk/client-s3';

type Handler = (args: { request: unknown }) => Promise<unknown>;
/** The one overload of `middlewareStack.add` used here (typed locally: no @smithy package is imported). */
type DeserializeStack = { add(middleware: (next: Handler) => Handler, options: { step: 'deserialize'; name: string }): void };

/**
 * Makes `command` send the stream `open()` returns as its body, opened afresh for every attempt. The SDK's retry
 * middleware re-sends the same request, and a stream read by a failed attempt is spent: re-sent, it
 * would give the server nothing (or a prefix of the blob). The `deserialize` step runs inside the
 * retry loop, after signing, once per attempt. `close()` destroys every stream opened (an attempt
 * that failed before sending leaves its stream unread). The caller sets `ContentLength`.
 */
export function freshFileBody(command: PutObjectCommand, open: () => Readable): { command: PutObjectCommand; close(): void } {
  const opened: Readable[] = [];
  (command.middlewareStack as unknown as DeserializeStack).add(
    (next) => async (args) => {
      const request = args.request as { body?: unknown };
      const body = open();
      opened.push(body);
      request.body = body;
      return next(args);
    },
    { step: 'deserialize', name: 'mlopsFreshFileBody' },
  );
  return { command, close: () => opened.forEach((stream) => stream.destroy()) };
}

/**
 * Bytes [start, end) of an open file as a stream, read in `chunkBytes` pieces at explicit positions.
 * Unlike `handle.createReadStream()`, destroying the stream (as the SDK does with the body of a
 * failed attempt) does not close the handle, which the next attempt and the next put still use.
 */
export function fileRange(handle: FileHandle, start: number, end: number, chunkBytes: number): Readable {
  async function* pieces(): AsyncGenerator<Buffer> {
    for (let at = start; at < end; ) {
      const buffer = Buffer.allocUnsafeSlow(Math.min(chunkBytes, end - at));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, at);
      if (bytesRead === 0) throw new Error(`file shrank to ${at} bytes while it was read (expected ${end})`);
      at += bytesRead;
      yield bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
    }
  }
  return Readable.from(pieces(), { objectMode: false, highWaterMark: chunkBytes });
}
