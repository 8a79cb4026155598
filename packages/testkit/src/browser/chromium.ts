import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';

/** Env var naming the Chromium executable; default `/usr/bin/chromium` (Debian's `chromium`). */
export const chromiumEnv = 'MLOPS_CHROMIUM';

/**
 * Flags for a quiet, headless, offline-minded Chromium: no sandbox (CI runs as root), no GPU, and
 * none of the background fetches (updates, component downloads, first-run pages) a browser makes.
 */
export const chromiumArgs: readonly string[] = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** The Chromium executable to drive: `$MLOPS_CHROMIUM`, else `/usr/bin/chromium`; undefined when missing. */
export function findChromium(): string | undefined {
  const path = process.env[chromiumEnv] || '/usr/bin/chromium';
  return existsSync(path) ? path : undefined;
}

/** True when `playwright-core` (an optional peer dependency of the testkit) can be loaded. */
export function hasPlaywrightCore(): boolean {
  try {
    require.resolve('playwright-core');
    return true;
  } catch {
    return false;
  }
}

/**
 * Launches the system Chromium through `playwright-core`. Never downloads a browser: without the
 * executable it throws, naming the package to install.
 */
export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(`no Chromium at ${process.env[chromiumEnv] || '/usr/bin/chromium'}: apt-get install chromium, or set ${chromiumEnv}`);
  // Loaded here, not at import: the testkit stays usable where playwright-core is not installed.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { chromium } = require('playwright-core') as typeof import('playwright-core');
  return chromium.launch({ executablePath, args: [...chromiumArgs], timeout: 60_000 });
}

/** A page that may load only its own URL, with what it tried to fetch and what it threw. */
export interface OfflinePage {
  page: Page;
  /** Every request other than the page's own URL (each was aborted). */
  attemptedRequests: string[];
  /** Uncaught exceptions in the page and console errors. */
  pageErrors: string[];
  close(): Promise<void>;
}

/**
 * Opens `url` (typically a `file://` report) in a fresh context where every other request is aborted
 * and recorded, so a test can assert the page needs no network: `attemptedRequests` should be empty.
 */
export async function openOfflinePage(browser: Browser, url: string, viewport = { width: 1200, height: 900 }): Promise<OfflinePage> {
  const context = await browser.newContext({ viewport, offline: true, javaScriptEnabled: true });
  const attemptedRequests: string[] = [];
  const pageErrors: string[] = [];
  await context.route('**/*', (route) => {
    // Recorded by the page's `request` event below, which also sees what routing does not intercept.
    return route.request().url() === url ? route.continue() : route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('request', (request) => {
    if (request.url() !== url) attemptedRequests.push(request.url());
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, attemptedRequests, pageErrors, close: () => context.close() };
}
