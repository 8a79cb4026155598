import { mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeWithChromium, openOfflinePage, type OfflinePage } from '@mlops/testkit';
import type { Page } from 'playwright-core';
import { sampleStudy, twoObjectiveStudy } from '../__fixtures__/sampleStudy';
import { formatNumber } from '../html/formatNumber';
import { buildStudyReport } from './buildStudyReport';
import type { StudyReportData } from './StudyReportData';
import { writeStudyReport } from './writeStudyReport';

// The tuner README and the root README show this screenshot; every run makes it again.
const screenshot = resolve(__dirname, '../../../../docs/images/tune-report.png');
// Opening the 10,000-trial report (load + every chart drawn) must fit in this, on a shared 2-core
// machine under load; it takes about a second when the machine is quiet.
const bigBudgetMs = 8000;

// Share of a canvas's pixels that are not white: proof that something was drawn on it.
// (Page code is passed as text: the spec typecheck has no DOM types.)
async function inkShare(page: Page, selector: string): Promise<number> {
  return page.evaluate<number>(`(() => {
    const c = document.querySelector(${JSON.stringify(selector)});
    const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 0; i < px.length; i += 4) if (px[i] < 240 || px[i + 1] < 240 || px[i + 2] < 240) ink++;
    return ink / (px.length / 4);
  })()`);
}

// Pixels inside the plot area (left of the parallel chart's labels, inside the frames' margins) of
// the infeasible mark's colour #a06ebe, within a small tolerance for blending.
async function infeasibleInk(page: Page, selector: string): Promise<number> {
  return page.evaluate<number>(`(() => {
    const c = document.querySelector(${JSON.stringify(selector)});
    const r = c.width / parseFloat(c.style.width);
    const px = c.getContext('2d').getImageData(Math.round(66 * r), Math.round(14 * r), Math.round((parseFloat(c.style.width) - 150) * r), Math.round((c.height / r - 56) * r)).data;
    let ink = 0;
    for (let i = 0; i < px.length; i += 4) if (Math.abs(px[i] - 160) + Math.abs(px[i + 1] - 110) + Math.abs(px[i + 2] - 190) < 40) ink++;
    return ink;
  })()`);
}

describeWithChromium((browser) => {
  let dir: string;
  let small: OfflinePage;
  let data: StudyReportData;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tune-report-'));
    data = buildStudyReport(sampleStudy(300));
    await writeStudyReport(data, { html: join(dir, 'small.html'), json: join(dir, 'small.json') });
    small = await openOfflinePage(browser(), pathToFileURL(join(dir, 'small.html')).href, { width: 1100, height: 1400 });
    await small.page.waitForSelector('body[data-rendered]', { timeout: 30_000 });
  }, 120_000);
  afterAll(async () => {
    await small?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the study, its counts and its best trial as text', async () => {
    const page = small.page;
    expect(await page.locator('h1').innerText()).toBe('Study gbdt-sample');
    expect(await page.locator('#study-meta').innerText()).toBe('minimize · 300 trials: 252 complete, 42 pruned, 5 failed, 1 running, 0 waiting');
    expect(await page.locator('#best').innerText()).toContain(`Best trial ${data.best!.number}: ${formatNumber(data.best!.value)} (x=${formatNumber(data.best!.params.x as number)}`);
    const firstBest = (await page.locator('#best-trials tbody tr:first-child td').allInnerTexts()).map((t) => t.trim());
    expect(firstBest.slice(0, 2)).toEqual([String(data.best!.number), formatNumber(data.best!.value)]);
    expect(await page.locator('#curves-meta').innerText()).toContain('Learning curves of 300 of 300 trials');
  });

  it('ranks the dominant parameter first in the importances and says which method', async () => {
    const page = small.page;
    expect(await page.locator('#importance-method').innerText()).toContain('Method: permutation importance on a random forest (out-of-bag), 48 trees on 252 complete trials');
    const names = await page.locator('#importance tbody td:first-child').allInnerTexts();
    expect(names[0]).toBe('x');
    expect(new Set(names)).toEqual(new Set(['x', 'lr', 'noise', 'booster', 'depth']));
    const share = Number((await page.locator('#importance tbody tr:first-child td:nth-child(2)').innerText()).replace('%', ''));
    expect(share).toBeGreaterThan(80);
  });

  it('draws every chart on its canvas and answers a hover with the nearest trial', async () => {
    const page = small.page;
    for (const id of ['#history-canvas', '#intermediate-canvas', '#parallel-canvas', '#slice-0', '#slice-4']) expect(await inkShare(page, id)).toBeGreaterThan(0.02);
    expect(await page.locator('canvas[id^="slice-"]').count()).toBe(5);
    const box = (await page.locator('#history-canvas').boundingBox())!;
    // Far right: the last complete trial (298; 299 is still running).
    await page.mouse.move(box.x + box.width - 17, box.y + box.height / 2);
    const readout = await page.locator('#history-readout').innerText();
    const i = data.trials.number.indexOf(298);
    expect(readout).toBe(`trial 298: ${formatNumber(data.trials.values[0]![i])} · ${data.params.map((p, j) => `${p.name}=${p.kind === 'categorical' ? String(p.choices![data.trials.params[j]![i]!]) : data.trials.params[j]![i] === null ? '—' : formatNumber(data.trials.params[j]![i]!)}`).join(' ')}`);
  });

  it('attempted no network request and threw nothing; saves the README screenshot', async () => {
    expect(small.attemptedRequests).toEqual([]);
    expect(small.pageErrors).toEqual([]);
    mkdirSync(resolve(screenshot, '..'), { recursive: true });
    const temp = `${screenshot}.${process.pid}.tmp.png`;
    await small.page.screenshot({ path: temp, fullPage: true });
    renameSync(temp, screenshot);
    expect(statSync(screenshot).size).toBeGreaterThan(30_000);
  });

  it(`opens a 10,000-trial study and draws it within ${bigBudgetMs} ms, staying responsive to hover`, async () => {
    const big = buildStudyReport(sampleStudy(10_000, 2));
    const written = await writeStudyReport(big, { html: join(dir, 'big.html') });
    const url = pathToFileURL(join(dir, 'big.html')).href;
    const t0 = Date.now();
    const opened = await openOfflinePage(browser(), url);
    try {
      await opened.page.waitForSelector('body[data-rendered]', { timeout: 60_000 });
      const elapsed = Date.now() - t0;
      const drawMs = Number(await opened.page.getAttribute('body', 'data-rendered'));
      if (process.env.MLOPS_REPORT_TIMING) console.log(`10,000 trials: ${(written.htmlBytes! / 1e6).toFixed(2)} MB, opened and drawn in ${elapsed} ms (script ${drawMs} ms)`);
      expect(elapsed).toBeLessThan(bigBudgetMs);
      expect(await opened.page.locator('#study-meta').innerText()).toContain('10,000 trials: 8,400 complete');
      expect(await opened.page.locator('#curves-meta').innerText()).toContain('Learning curves of 2,000 of 10,000 trials');
      expect(await inkShare(opened.page, '#parallel-canvas')).toBeGreaterThan(0.05);
      const box = (await opened.page.locator('#history-canvas').boundingBox())!;
      const h0 = Date.now();
      await opened.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await opened.page.locator('#history-readout', { hasText: /^trial / }).waitFor({ state: 'attached' }); // not a string waitForFunction: it is eval'd on each poll, which the report's CSP forbids
      expect(Date.now() - h0).toBeLessThan(1000);
      expect(opened.attemptedRequests).toEqual([]);
      expect(opened.pageErrors).toEqual([]);
    } finally {
      await opened.close();
    }
  }, 120_000);

  it('marks trials that violate a constraint apart in the history, parallel coordinates, slices and Pareto front', async () => {
    const study = twoObjectiveStudy(400);
    const constrained = buildStudyReport({ ...study, trials: study.trials.map((t) => ({ ...t, constraints: [(t.params.x as number) - 2.5] })) });
    const plain = buildStudyReport(study);
    const bad = constrained.trials.infeasible.length;
    expect(bad).toBeGreaterThan(20);
    await writeStudyReport(constrained, { html: join(dir, 'constrained.html') });
    await writeStudyReport(plain, { html: join(dir, 'plain.html') });
    const [withBad, without] = [await openOfflinePage(browser(), pathToFileURL(join(dir, 'constrained.html')).href), await openOfflinePage(browser(), pathToFileURL(join(dir, 'plain.html')).href)];
    try {
      for (const opened of [withBad, without]) await opened.page.waitForSelector('body[data-rendered]', { timeout: 30_000 });
      for (const id of ['#history-canvas', '#parallel-canvas', '#slice-0', '#pareto-canvas']) {
        expect(await infeasibleInk(withBad.page, id)).toBeGreaterThan(30);
        expect(await infeasibleInk(without.page, id)).toBe(0);
      }
      for (const id of ['#history-canvas', '#parallel-canvas', '#pareto-canvas']) expect(await withBad.page.getAttribute(id, 'data-infeasible')).toBe(String(bad));
      // The infeasible trials (x > 2.5) are off the front although some dominate none: x ∈ [0, 2] is the Pareto set.
      expect(constrained.paretoFront!.every((num) => (study.trials[num]!.params.x as number) <= 2.5)).toBe(true);
      expect(await withBad.page.locator('.infeasible-key').count()).toBe(4);
      expect(await without.page.locator('.infeasible-key').count()).toBe(0);
      expect(withBad.pageErrors).toEqual([]);
    } finally {
      await withBad.close();
      await without.close();
    }
  }, 60_000);

  it('shows the Pareto front of a two-objective study', async () => {
    const two = buildStudyReport(twoObjectiveStudy(400));
    await writeStudyReport(two, { html: join(dir, 'two.html') });
    const opened = await openOfflinePage(browser(), pathToFileURL(join(dir, 'two.html')).href);
    try {
      await opened.page.waitForSelector('body[data-rendered]', { timeout: 30_000 });
      expect(await opened.page.locator('#best').innerText()).toBe(`Pareto front: ${two.paretoFront!.length} trials`);
      expect(await opened.page.locator('#pareto-trials tbody tr').count()).toBe(two.paretoFront!.length);
      expect(await opened.page.locator('#pareto-trials thead th').allInnerTexts()).toEqual(['Trial', 'Objective 0 (minimize)', 'Objective 1 (minimize)', 'Params']);
      expect(await inkShare(opened.page, '#pareto-canvas')).toBeGreaterThan(0.01);
      expect(opened.pageErrors).toEqual([]);
    } finally {
      await opened.close();
    }
  }, 60_000);
});
