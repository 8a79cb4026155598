import { jestGlobals } from './jestGlobals';
import type { Lifecycle } from '@mlops/core';

interface Subject {
  store: Lifecycle;
  cleanup?(): Promise<void> | void;
}

/**
 * Creates a subject before the enclosing `describe` and tears it down after, driving the store's
 * lifecycle the way the runtime does: `start()` after creation, `close()` before cleanup.
 */
export function useSubject<S extends Subject>(factory: () => S | Promise<S>): () => S {
  const { afterAll, beforeAll } = jestGlobals();
  let subject: S | undefined;
  beforeAll(async () => {
    subject = await factory();
    await subject.store.start?.();
  });
  afterAll(async () => {
    if (!subject) return;
    try {
      await subject.store.close?.();
    } finally {
      await subject.cleanup?.();
    }
  });
  return () => {
    if (!subject) throw new Error('the conformance subject was not created (did the factory throw?)');
    return subject;
  };
}
