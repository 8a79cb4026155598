import { mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeWithChromium, openOfflinePage, type OfflinePage } from '@mlops/testkit';
import { largeReport } from '../__fixtures__/largeReport';
import { hostileName, sampleReport } from '../__fixtures__/sampleReport';
import { writeReport } from './writeReport';

// The README shows this screenshot; every run of this test makes it again from the sample report.
const screenshot = resolve(__dirname, '../../../../docs/images/drift-report.png');
describeWithChromium((browser) => {
  let dir: string;
  let opened: OfflinePage;
  const dialogs: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'report-browser-'));
    const html = join(dir, 'drift.html');
    await writeReport(sampleReport(), { html, json: join(dir, 'drift.json') });
    opened = await openOfflinePage(browser(), pathToFileURL(html).href, { width: 1100, height: 1250 });
    opened.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  }, 90_000);
  afterAll(async () => {
    await opened?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const texts = (selector: string) => opened.page.locator(selector).allInnerTexts();

  it('shows the verdict and one summary row per feature, drifted ones first', async () => {
    expect(await opened.page.locator('#dataset-verdict').innerText()).toBe('Dataset drift: 3 of 6 features drifted (drift share 50%, threshold 50%)');
    expect(await texts('#summary tbody td:first-child')).toEqual(['mean radius', 'city', hostileName, 'mean texture', 'smoker', 'empty feature']);
    expect(await texts('#summary tbody tr.drifted td:first-child')).toEqual(['mean radius', 'city', hostileName]);
    expect(await texts('#summary thead th')).toEqual(['Feature', 'Kind', 'Test', 'Statistic', 'p-value', 'Threshold', 'Verdict']);
    expect((await texts('#summary tbody tr:first-child td')).map((t) => t.trim())).toEqual(['mean radius', 'numeric', 'ks (asymp)', '0.5513', '1.2e-300', '0.05', 'drift']);
    expect((await texts('#summary tbody tr:nth-child(5) td')).map((t) => t.trim())).toEqual(['smoker', 'binary', 'ztest', '0.4', '0.6892', '0.05', 'no drift']);
  });

  it('draws each feature with visible overlaid bars, one pair per bin', async () => {
    const page = opened.page;
    expect(await page.locator('#feature-1 svg rect.ref').count()).toBe(20);
    expect(await page.locator('#feature-1 svg rect.cur').count()).toBe(20);
    expect(await page.locator('#feature-2 svg rect.ref').count()).toBe(8);
    const box = await page.locator('#feature-1 svg').boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    expect(box!.height).toBeGreaterThan(100);
    expect(await page.locator('#feature-1 .facts').innerText()).toContain('p-value: 1.2e-300');
    expect(await page.locator('#feature-5').innerText()).toContain('Skipped: no present values in the current window');
  });

  it('shows a hostile feature name as text and runs nothing', async () => {
    expect(await opened.page.locator('#feature-4 h3').innerText()).toBe(`${hostileName} drift`);
    expect(await opened.page.locator('script').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('labels estimated performance as an estimate and shows the warning', async () => {
    expect(await opened.page.locator('#performance-warning').innerText()).toContain('not valid for this window');
    expect((await texts('#performance tbody tr:first-child td')).map((t) => t.trim())).toEqual(['accuracy', '0.955', '0.9412', '0.8833', 'degraded estimate invalid']);
    expect(await opened.page.locator('text=Estimated values are estimates').count()).toBe(1);
    expect(await texts('#alerts tbody td:nth-child(2)')).toEqual(['critical']);
  });

  it('attempted no network request and threw nothing; saves the README screenshot', async () => {
    expect(opened.attemptedRequests).toEqual([]);
    expect(opened.pageErrors).toEqual([]);
    mkdirSync(resolve(screenshot, '..'), { recursive: true });
    const temp = `${screenshot}.${process.pid}.tmp.png`;
    await opened.page.screenshot({ path: temp });
    renameSync(temp, screenshot);
    expect(statSync(screenshot).size).toBeGreaterThan(10_000);
  });

  it('opens the 100-feature report (aggregates of 1M rows each) with every bar drawn', async () => {
    const html = join(dir, 'large.html');
    await writeReport(largeReport(), { html });
    const started = performance.now();
    const large = await openOfflinePage(browser(), pathToFileURL(html).href);
    const ms = performance.now() - started;
    try {
      if (process.env.MLOPS_REPORT_TIMING) console.log(`100-feature report opened (load event) in ${ms.toFixed(0)} ms`);
      expect(await large.page.locator('svg rect.ref').count()).toBe(100 * 50);
      expect(await large.page.locator('#summary tbody tr').count()).toBe(100);
      expect(large.attemptedRequests).toEqual([]);
      // Generous under a loaded CI box; a report that needed seconds to lay out would fail it.
      expect(ms).toBeLessThan(15_000);
    } finally {
      await large.close();
    }
  });
});
