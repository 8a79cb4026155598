import type { ArtifactStore, MetadataStore, ModelRegistry, Monitor, Orchestrator, Tracker, Tuner } from '@mlops/core';

/** What the dashboard reads: whichever of these the configured plugins provide. */
export interface UiServices {
  /** Shown in the title bar. */
  project: string;
  /** `sqlite`, `postgres` or the metadata store's name; shown in the footer. */
  store: string;
  tracker?: Tracker;
  registry?: ModelRegistry;
  metadata?: MetadataStore;
  artifacts?: ArtifactStore;
  /** Run history, queue and schedules (the orchestration section), through core's `Orchestrator` contract. */
  orchestrator?: Orchestrator;
  /** Drift over time, estimated and realized performance, alert history (the Data section). */
  monitor?: Monitor;
  /** Studies and their trials (the Tuning section). */
  tuner?: Tuner;
  /** A validator is configured: runs may hold validation reports and baselines (the Data section). */
  validates?: boolean;
}

/** One API call as a section's handler sees it. */
export interface UiRequest {
  /** Decoded path parameters (`/api/runs/:id` → `{ id }`). */
  params: Record<string, string>;
  query: URLSearchParams;
  /** The parsed JSON body of a POST (an empty object for GET). */
  body: Record<string, unknown>;
}

/** What a handler may return besides JSON: a page with its own content type and CSP (a model card). */
export interface UiRawResponse {
  raw: string;
  contentType: string;
  /** Replaces the dashboard's CSP for this response. */
  csp?: string;
}

/** An API route of a section; `/api/` is prefixed by the server. */
export interface UiRoute {
  method: 'GET' | 'POST';
  /** Relative to `/api/`, with `:name` parameters, e.g. `runs/:id`. */
  path: string;
  /** Writes something: needs the token in a header (the dashboard is read-only without one). */
  action?: boolean;
  handle(req: UiRequest, services: UiServices): Promise<unknown>;
}

/**
 * A part of the dashboard (runs, registry, …): its API routes and when it has something to show.
 * The front end has a matching module under `web/src/sections/`; both are listed once, in
 * `sections/index.ts` and `web/src/sections/index.ts`.
 */
export interface UiSection {
  /** Kebab-case; also the first segment of the section's pages (`#/runs/…`). */
  id: string;
  title: string;
  /** False when the plugin behind it is not configured: the section is left out of the navigation. */
  available(services: UiServices): boolean;
  routes: UiRoute[];
}
