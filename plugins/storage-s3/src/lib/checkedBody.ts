import type { Readable } from 'node:stream';

/** A synchronous check of a body: each chunk as it passes, then the whole at its end. */
export interface BodyCheck {
  /** Sees each chunk, in order, before it is handed on; may throw (the read then fails). */
  update(chunk: Buffer): void;
  /** After the last chunk, with the number of bytes seen: throws when the content is not what was stored. */
  finish(bytes: number): void;
}

/** Chunks held at most before the body is paused (a bound on memory when the reader is slower than the socket). */
const defaultMaxQueuedBytes = 1024 * 1024;

/**
 * Hands on the chunks of an HTTP response body as the socket delivers them, each checked in the
 * body's `data` handler: no await, generator or extra promise per chunk beyond the one the reader
 * waits on, and none when chunks are already queued. The body flows until `maxQueuedBytes` are
 * queued for a slow reader, then is paused until the reader catches up. A check that throws, a body
 * error or a connection closed before the end fails the next `next()` (queued chunks are dropped:
 * a failed read hands on nothing more); a mismatch found by `finish` fails the `next()` after the
 * last chunk. `return()` (the reader stopped early) and any failure destroy the body, which releases
 * its socket. Errors go through `wrap` once.
 */
export function checkedBody(body: Readable, check: BodyCheck, wrap: (error: unknown) => Error, maxQueuedBytes = defaultMaxQueuedBytes): AsyncIterableIterator<Uint8Array> {
  const queue: Buffer[] = [];
  let head = 0;
  let queuedBytes = 0;
  let bytes = 0;
  let ended = false;
  let finished = false;
  let failure: Error | undefined;
  let waiting: { resolve: (result: IteratorResult<Uint8Array>) => void; reject: (error: Error) => void } | undefined;
  /** The answer a reader waits for: a `next()` called before it settles queues behind it. */
  let pending: Promise<IteratorResult<Uint8Array>> | undefined;

  const detach = () => {
    body.off('data', onData);
    body.off('end', onEnd);
    body.off('error', onError);
    body.off('close', onClose);
  };
  const fail = (error: unknown) => {
    if (finished || failure) return;
    failure = wrap(error);
    detach();
    body.on('error', () => undefined); // late errors of the destroyed body have nowhere to go
    body.destroy();
    queue.length = head = queuedBytes = 0;
    settle();
  };
  /** Answers a waiting reader once there is something to answer: a failure or the end. */
  const settle = () => {
    if (!waiting) return;
    const { resolve, reject } = waiting;
    if (failure) {
      // A failure is reported once; after it the reader is done.
      const error = failure;
      waiting = undefined;
      failure = undefined;
      finished = true;
      reject(error);
    } else if (ended) {
      waiting = undefined;
      try {
        finish();
        resolve({ value: undefined, done: true });
      } catch (error) {
        reject(error as Error);
      }
    }
  };
  const finish = () => {
    finished = true;
    detach();
    try {
      check.finish(bytes);
    } catch (error) {
      throw wrap(error);
    }
  };
  function onData(chunk: Buffer) {
    try {
      check.update(chunk);
    } catch (error) {
      return fail(error);
    }
    bytes += chunk.length;
    if (waiting) {
      const { resolve } = waiting;
      waiting = undefined;
      return resolve({ value: chunk, done: false });
    }
    queue.push(chunk);
    queuedBytes += chunk.length;
    if (queuedBytes >= maxQueuedBytes) body.pause();
  }
  function onEnd() {
    ended = true;
    settle();
  }
  function onError(error: unknown) {
    fail(error);
  }
  function onClose() {
    // A response cut before its end normally errors first; a close without either still fails the read.
    if (!ended) fail(Object.assign(new Error('the connection closed before the end of the body'), { code: 'ECONNRESET' }));
  }

  body.on('data', onData);
  body.on('end', onEnd);
  body.on('error', onError);
  body.on('close', onClose);

  const iterator: AsyncIterableIterator<Uint8Array> = {
    next: () => {
      if (head < queue.length) {
        const value = queue[head]!;
        queue[head++] = undefined as unknown as Buffer;
        queuedBytes -= value.length;
        if (head === queue.length) queue.length = head = 0;
        if (body.isPaused() && queuedBytes < maxQueuedBytes / 2) body.resume();
        return Promise.resolve({ value, done: false });
      }
      if (finished) return Promise.resolve({ value: undefined, done: true });
      if (waiting) return pending!.then(iterator.next, iterator.next);
      pending = new Promise((resolve, reject) => {
        waiting = { resolve, reject };
        settle();
      });
      return pending;
    },
    return: () => {
      if (!finished) {
        finished = true;
        failure = undefined;
        detach();
        body.on('error', () => undefined);
        body.destroy();
        queue.length = head = queuedBytes = 0;
      }
      // A next() still waiting for a chunk ends too (as an async generator answers a pending next() first).
      if (waiting) {
        const { resolve } = waiting;
        waiting = undefined;
        resolve({ value: undefined, done: true });
      }
      return Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

/**
 * Feeds every chunk of `body` to `onChunk` in its `data` handler (no promise per chunk) and resolves
 * at the body's end; rejects with what `onChunk` threw, the body's error, or a close before the end,
 * and destroys the body then.
 */
export function drainBody(body: Readable, onChunk: (chunk: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let done = false;
    const detach = () => {
      body.off('data', onData);
      body.off('end', onEnd);
      body.off('error', fail);
      body.off('close', onClose);
    };
    function fail(error: unknown) {
      if (done) return;
      done = true;
      detach();
      body.on('error', () => undefined);
      body.destroy();
      reject(error);
    }
    function onData(chunk: Buffer) {
      try {
        onChunk(chunk);
      } catch (error) {
        fail(error);
      }
    }
    function onEnd() {
      if (done) return;
      done = true;
      detach();
      resolve();
    }
    function onClose() {
      fail(Object.assign(new Error('the connection closed before the end of the body'), { code: 'ECONNRESET' }));
    }
    body.on('data', onData);
    body.on('end', onEnd);
    body.on('error', fail);
    body.on('close', onClose);
  });
}
