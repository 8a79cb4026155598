import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { openOfflinePage } from './chromium';
import { describeWithChromium } from './describeWithChromium';

describeWithChromium((browser) => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'testkit-chromium-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('shows a local page and records (and blocks) every request it makes elsewhere', async () => {
    const file = join(dir, 'page.html');
    writeFileSync(file, '<!doctype html><title>t</title><link rel="stylesheet" href="http://127.0.0.1:9/x.css"><h1>local</h1><img src="https://example.invalid/x.png">');
    const url = pathToFileURL(file).href;
    const opened = await openOfflinePage(browser(), url);
    try {
      expect(await opened.page.locator('h1').textContent()).toBe('local');
      expect([...opened.attemptedRequests].sort()).toEqual(['http://127.0.0.1:9/x.css', 'https://example.invalid/x.png']);
    } finally {
      await opened.close();
    }
  });

  it('records uncaught exceptions of the page', async () => {
    const file = join(dir, 'throws.html');
    writeFileSync(file, '<!doctype html><script>throw new Error("boom from the page")</script>');
    const opened = await openOfflinePage(browser(), pathToFileURL(file).href);
    try {
      expect(opened.pageErrors.join('\n')).toContain('boom from the page');
      expect(opened.attemptedRequests).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});
