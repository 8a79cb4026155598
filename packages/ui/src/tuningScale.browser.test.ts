import { describeWithChromium } from '@mlops/testkit';
import { bigStudyTuner } from './__fixtures__/bigStudyTuner';
import { openDashboardPage } from './__fixtures__/openDashboardPage';
import { createUiServer, type UiServer } from './createUiServer';

// A study of 10,000 complete trials (5 parameters) served by the dashboard: opening it must draw the
// history, the parallel coordinates (and, after them, fetch the importances) within the budget,
// measured in the browser from the click to the page marking every chart drawn; every sample is printed.
const bigTrials = 10_000;
/** Click to every chart drawn, median of three opens (the first one builds the server's view). */
const openBudgetMs = 2000;
let big: UiServer;

beforeAll(async () => {
  big = await createUiServer({ project: 'tuning-scale', store: 'memory', tuner: await bigStudyTuner(bigTrials) }, { port: 0 });
}, 60_000);
afterAll(() => big?.close());

describeWithChromium((browser) => {
  it(`opens a study of ${bigTrials.toLocaleString('en')} trials and draws every chart within ${openBudgetMs} ms (median of three, browser-measured)`, async () => {
    const page = await openDashboardPage(browser(), big.url);
    try {
      await page.page.goto(`${big.url}/#/tuning`);
      await page.page.waitForSelector('[data-study="big"]');
      const samples: number[] = [];
      for (let k = 0; k < 3; k++) {
        // From the click on the study's link to the page marking every chart drawn.
        const ms = await page.page.evaluate(`(async () => {
          const t0 = performance.now();
          document.querySelector('[data-study="big"] a').click();
          for (;;) {
            const drawn = document.querySelector('#study-page[data-drawn]');
            if (drawn) return Number(drawn.getAttribute('data-drawn')) - t0;
            await new Promise((r) => setTimeout(r, 5));
          }
        })()`);
        samples.push(ms as number);
        expect(await page.page.getAttribute('#study-history .chart', 'data-points')).toBe(String(bigTrials));
        expect(await page.page.getAttribute('canvas.pcp', 'data-lines')).toBe(String(bigTrials));
        await page.page.goto(`${big.url}/#/tuning`);
        await page.page.waitForSelector('[data-study="big"]');
      }
      process.stdout.write(`10,000-trial study, click to drawn (ms): ${samples.map((m) => m.toFixed(0)).join(', ')}\n`);
      expect([...samples].sort((a, b) => a - b)[1]).toBeLessThan(openBudgetMs);
      expect(page.foreignRequests).toEqual([]);
      expect(page.pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);
});
