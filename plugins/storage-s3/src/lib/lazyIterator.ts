/**
 * An async iterator that calls `start` on its first `next()` and then hands every call to the
 * iterator it got, as an async generator function defers its body: nothing happens until the reader
 * asks. A failed `start` fails that `next()`; the iterator is done after it. `return()` before the
 * start means `start` never runs; during it, the started iterator is returned as soon as it exists.
 */
export function lazyIterator<T>(start: () => Promise<AsyncIterator<T>>): AsyncIterableIterator<T> {
  let inner: AsyncIterator<T> | undefined;
  let starting: Promise<AsyncIterator<T> | undefined> | undefined;
  let done = false;
  const finished = (): Promise<IteratorResult<T>> => Promise.resolve({ value: undefined, done: true });
  const iterator: AsyncIterableIterator<T> = {
    next: () => {
      if (inner) return inner.next();
      if (done) return finished();
      starting ??= start().then(
        (started) => (inner = started),
        (error: unknown) => {
          done = true;
          throw error;
        },
      );
      return starting.then((started) => (done || !started ? finished() : started.next()));
    },
    return: async () => {
      done = true;
      const started = inner ?? (await starting?.catch(() => undefined));
      await started?.return?.();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
