import type { ArtifactStore, Lifecycle } from '@mlops/core';

/** A store under test, plus the hooks the conformance suite needs around it. */
export interface ArtifactStoreSubject {
  /** A fresh, empty store. The suite calls `start()` before the tests and `close()` after them. */
  store: ArtifactStore & Lifecycle;
  /**
   * Replaces the stored bytes of `digest` with different bytes behind the store's back, so the suite
   * can check that reads verify digests. Without it, that check is skipped (with a warning).
   */
  corrupt?(digest: string): Promise<void>;
  /** Removes what the factory created (temp folders, buckets); runs after `close()`. */
  cleanup?(): Promise<void> | void;
}

/** Creates a subject; called once per group of tests. */
export type ArtifactStoreFactory = () => ArtifactStoreSubject | Promise<ArtifactStoreSubject>;

/** Tuning for {@link artifactStoreConformance}. */
export interface ArtifactStoreConformanceOptions {
  /** Size of the streamed large blob; default 20 MiB. */
  largeBlobBytes?: number;
  /** jest timeout of the slow tests; default 120 s. */
  timeoutMs?: number;
}
