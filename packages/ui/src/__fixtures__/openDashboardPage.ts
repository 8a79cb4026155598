import { afterEach, beforeEach, expect } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';

/** A page of the dashboard in a fresh context where any request to another origin is aborted and recorded. */
export interface DashboardPage {
  page: Page;
  /** Requests the page tried outside the dashboard's origin (must stay empty: it loads nothing from the network). */
  foreignRequests: string[];
  /** Uncaught exceptions and console errors. */
  pageErrors: string[];
  close(): Promise<void>;
}

export async function openDashboardPage(browser: Browser, baseUrl: string, viewport = { width: 1400, height: 900 }): Promise<DashboardPage> {
  const origin = new URL(baseUrl).origin;
  const context = await browser.newContext({ viewport });
  const foreignRequests: string[] = [];
  const pageErrors: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    foreignRequests.push(url);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    // Chromium logs every 4xx API answer as a failed resource; the page shows those (the tests provoke
    // a malformed filter and a missing token on purpose). Anything else counts.
    if (message.type() === 'error' && !/^Failed to load resource: .*status of 4\d\d/.test(message.text())) pageErrors.push(message.text());
  });
  return { page, foreignRequests, pageErrors, close: () => context.close() };
}

/** Text of every cell of a table column (0-based) in the body. */
export async function columnTexts(page: Page, table: string, column: number): Promise<string[]> {
  return page.$$eval(`${table} tbody tr`, (rows, c) => rows.map((r) => r.children[c as number]?.textContent?.trim() ?? ''), column);
}

/**
 * A fresh dashboard page for each test of the enclosing describe; after each, the page must have
 * loaded nothing from another origin and logged no error. `page` is the current test's page.
 */
export function eachDashboardPage(browser: () => Browser, baseUrl: () => string, { shared = false } = {}): { readonly page: Page } {
  let d: DashboardPage | undefined;
  // `shared`: one page for the whole describe block (tests that walk one session), else one per test.
  (shared ? beforeAll : beforeEach)(async () => {
    d = await openDashboardPage(browser(), baseUrl());
  });
  (shared ? afterAll : afterEach)(async () => {
    // Everything the dashboard needs comes from its own server, and nothing failed on the page.
    expect(d!.foreignRequests).toEqual([]);
    expect(d!.pageErrors).toEqual([]);
    await d!.close();
  });
  return {
    get page() {
      return d!.page;
    },
  };
}
