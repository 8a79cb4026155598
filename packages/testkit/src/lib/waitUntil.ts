/**
 * Reads `read()` until `done(value)` holds or `timeoutMs` passes, and returns the last value read, so
 * the caller asserts on it and a timeout fails with the value that was there. For effects that land
 * a little after the call that caused them (a server counting a client's disconnect): a fixed sleep
 * is either slow or, on a loaded CI machine, too short.
 */
export async function waitUntil<T>(read: () => Promise<T> | T, done: (value: T) => boolean, { timeoutMs = 10_000, everyMs = 25 } = {}): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() >= end) return value;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
