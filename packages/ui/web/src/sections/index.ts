import type { ComponentChildren } from 'preact';
import { lineagePages } from './lineage/pages';
import { orchestrationPages } from './orchestration/pages';
import { dataPages } from './data/pages';
import { registryPages } from './registry/pages';
import { runsPages } from './runs/pages';
import { tuningPages } from './tuning/pages';

/** What a page gets: the route's match and query, and whether actions are allowed. */
export interface PageContext {
  match: RegExpExecArray;
  query: URLSearchParams;
  writable: boolean;
}

/** A page of a section: a path pattern on the hash route and what to render there. */
export interface SectionPage {
  pattern: RegExp;
  render(ctx: PageContext): ComponentChildren;
}

/** The front end of a section; its `id` is the server section's (`/api/meta` lists the available ones). */
export interface WebSection {
  id: string;
  /** Where the navigation link goes. */
  home: string;
  pages: SectionPage[];
}

/** Every section's pages; the navigation shows those the server says are available. */
export const webSections: WebSection[] = [runsPages, registryPages, lineagePages, dataPages, tuningPages, orchestrationPages];
