import type { Lifecycle, MetadataStore } from '@mlops/core';

/**
 * How a child process opens the same store as the parent: it runs
 * `await require(module)[exportName](description)`, then `start()` if the store has one.
 */
export interface RemoteStoreRecipe {
  /** Absolute path of a CommonJS module, i.e. built JS (children do not load TypeScript). */
  module: string;
  /** Name of the exported function taking `description` and returning (a promise of) the store. */
  exportName: string;
  /** Argument for that function, e.g. `{ kind: 'sqlite', path }`; it reaches the child through JSON. */
  description: unknown;
}

/** A store under test, plus what the conformance suite needs around it. */
export interface MetadataStoreSubject {
  /** A fresh, empty store. The suite calls `start()` before its tests and `close()` after them. */
  store: MetadataStore & Lifecycle;
  /** Enables the multi-process concurrency test; without it that test runs in one process only. */
  remote?: RemoteStoreRecipe;
  /** Removes what the factory created (temp files, schemas); runs after `close()`. */
  cleanup?(): Promise<void> | void;
}

/** Creates a subject; called once per group of tests, so each group starts from an empty store. */
export type MetadataStoreFactory = () => MetadataStoreSubject | Promise<MetadataStoreSubject>;

/** Tuning for {@link metadataStoreConformance}. */
export interface MetadataStoreConformanceOptions {
  /** Child processes writing at once; default 2. */
  processes?: number;
  /** Runs and artifacts each child registers; default 200. */
  perProcess?: number;
  /** jest timeout of the concurrency test; default 180 s. */
  timeoutMs?: number;
}
