import type { Lifecycle, OnlineStore } from '@mlops/core';

/** An online store under test, plus what the conformance suite needs around it. */
export interface OnlineStoreSubject {
  /** A fresh, empty store. The suite calls `start()` before its tests and `close()` after them. */
  store: OnlineStore & Lifecycle;
  /**
   * Another store over the same data through its own connection (a second Redis client, a second
   * knex pool). When given, the concurrent-writers test splits its writers across both stores;
   * the suite starts it and closes it.
   */
  openAnother?(): Promise<OnlineStore & Lifecycle> | (OnlineStore & Lifecycle);
  /** Removes what the factory created (key prefix, schema, temp files); runs after `close()`. */
  cleanup?(): Promise<void> | void;
}

/** Creates a subject; called once per group of tests, so each group starts from an empty store. */
export type OnlineStoreFactory = () => OnlineStoreSubject | Promise<OnlineStoreSubject>;

/** Tuning for {@link onlineStoreConformance}. */
export interface OnlineStoreConformanceOptions {
  /** Entities written in one call by the bulk test; default 10,000. */
  bulkEntities?: number;
  /** Concurrent writers in the concurrency test; default 8. */
  writers?: number;
  /** jest timeout of the bulk and concurrency tests; default 120 s. */
  timeoutMs?: number;
}
