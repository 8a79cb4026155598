import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { tokens } from '@mlops/core';
import { describeWithChromium } from '@mlops/testkit';
import { columnTexts, eachDashboardPage } from './__fixtures__/openDashboardPage';
import { openDataSubject, traffic, type DataSubject } from './__fixtures__/openDataSubject';

// The Data and Tuning sections in headless Chromium over a seeded SQLite project (a validation run,
// served, labelled and judged traffic, two studies), checked against what the plugins say. Writes
// docs/images/ui-data.png, ui-drift.png, ui-validation.png and ui-tuning.png.
const images = path.resolve(__dirname, '../../../docs/images');
let s: DataSubject;

beforeAll(async () => {
  mkdirSync(images, { recursive: true });
  s = await openDataSubject('sqlite');
}, 90_000);
afterAll(async () => {
  await s?.close();
});

describeWithChromium((browser) => {
  const d = eachDashboardPage(browser, () => s.server.url, { shared: true });

  it('lists the validation report and the alert history, and shows a report with its baseline', async () => {
    await d.page.goto(`${s.server.url}/#/data`);
    await d.page.waitForSelector('#validations-table tbody tr');
    expect(await d.page.textContent('header nav')).toBe('RegistryLineageDataTuning');
    expect(await columnTexts(d.page, '#validations-table', 0)).toEqual(['accounts/validate/report']);
    expect(await columnTexts(d.page, '#validations-table', 3)).toEqual(['passed']);
    expect(await columnTexts(d.page, '#validations-table', 5)).toEqual(['1']);
    expect(await columnTexts(d.page, '#validations-table', 7)).toEqual(['200 → 200']);
    await d.page.waitForSelector('#alerts-table tbody tr');
    const alerts = await s.runtime.get(tokens.monitor).listAlerts({});
    expect(await columnTexts(d.page, '#alerts-table', 8 - 1)).toEqual(alerts.map((a) => a.title));
    await d.page.screenshot({ path: path.join(images, 'ui-data.png'), fullPage: true });

    await d.page.click('#validations-table tbody a');
    await d.page.waitForSelector('#baseline-table');
    expect(await d.page.textContent('[data-check="range:balance"]')).toContain('warn');
    expect(await d.page.textContent('[data-check="range:balance"] td:nth-child(5)')).toBe('7');
    expect(await d.page.textContent('#baseline-table [data-column="balance"] td:nth-child(3)')).toBe('200');
    expect(await d.page.textContent('#baseline-table [data-column="balance"] td:nth-child(7)')).toBe('-177');
    expect(await d.page.$$eval('#baseline-table [data-column="balance"] rect', (r) => r.length)).toBe(20);
    await d.page.screenshot({ path: path.join(images, 'ui-validation.png'), fullPage: true });
  });

  it('draws drift over time: x drifted in the last six windows only, both histograms, performance per window', async () => {
    await d.page.goto(`${s.server.url}/#/data/drift/${encodeURIComponent('churn@champion')}?range=6h&until=${s.now}`);
    await d.page.waitForSelector('#drift-matrix tbody tr');
    const drifted = (f: string) => d.page.$$eval(`#drift-matrix tr[data-feature="${f}"] td`, (cells) => cells.map((c) => c.classList.contains('drifted')));
    expect(await drifted('x')).toEqual(Array.from({ length: traffic.slices }, (_, i) => i >= traffic.driftFrom));
    expect(await drifted('y')).toEqual(Array(traffic.slices).fill(false));
    expect(await d.page.$$eval('#drift-matrix tr.rows td', (cells) => cells.map((c) => c.textContent))).toEqual(Array(traffic.slices).fill(String(traffic.rowsPerSlice)));
    // The statistics shown are the monitor's for the same window.
    const last = { since: s.now - traffic.sliceMs, until: s.now };
    const report = (await s.runtime.get(tokens.monitor).driftReport('churn@champion', last)) as any;
    const x = report.features.find((f: { name: string }) => f.name === 'x');
    const shown = await d.page.$$eval('#drift-matrix tr[data-feature="x"] td', (cells) => cells.map((c) => c.textContent));
    expect(shown[traffic.slices - 1]).toBe(String(Number(x.statistic.toPrecision(3))));
    // The chosen feature is the first drifted one of the last window: x, with 20 bins a side.
    expect(await d.page.textContent('#drift-verdict')).toContain('drifted');
    expect(await d.page.$$eval('#feature-histogram rect[data-side="reference"]', (r) => r.length)).toBe(x.histogram.reference.length);
    expect(await d.page.$$eval('#feature-histogram rect[data-side="current"]', (r) => r.length)).toBe(x.histogram.current.length);
    expect(await d.page.$$eval('#drift-performance .chart', (charts) => charts.map((c) => c.getAttribute('data-chart')))).toEqual(report.performance.metrics.map((m: { name: string }) => m.name));
    expect(await d.page.$$eval('#drift-performance canvas', (c) => c.length)).toBe(report.performance.metrics.length);
    expect(await d.page.$$('#drift-alerts #alerts-table tbody tr')).toHaveLength((await s.runtime.get(tokens.monitor).listAlerts({ model: 'churn' })).length);
    await d.page.screenshot({ path: path.join(images, 'ui-drift.png'), fullPage: true });

    await d.page.click('#drift-matrix tr[data-feature="y"] th a');
    // A locator wait, not waitForFunction with a string: Playwright evals a string predicate on each
    // poll, which the dashboard's CSP forbids (only the first, synchronous evaluation is allowed).
    await d.page.locator('#drift-verdict', { hasText: 'no drift' }).waitFor({ state: 'attached' });
  });

  it('shows the studies, a study with its charts and importances, and the Pareto front of two objectives', async () => {
    const tuner = s.runtime.get(tokens.tuner);
    await d.page.goto(`${s.server.url}/#/tuning`);
    await d.page.waitForSelector('#studies-table tbody tr');
    expect(await columnTexts(d.page, '#studies-table', 0)).toEqual(['quadratic', 'tradeoff']);
    expect(await columnTexts(d.page, '#studies-table', 2)).toEqual(['24', '16']);
    await d.page.click('[data-study="quadratic"] a');
    await d.page.waitForSelector('#study-page[data-drawn]');
    const best = await (await tuner.loadStudy('quadratic')).bestTrial();
    expect(await d.page.textContent('#study-summary')).toContain(`best trial#${best!.number}: ${Number(best!.values![0]!.toPrecision(6))}`);
    expect(await d.page.getAttribute('#study-history .chart', 'data-points')).toBe('24');
    expect(await d.page.getAttribute('canvas.pcp', 'data-lines')).toBe('24');
    await d.page.waitForSelector('#study-importances tr[data-param]');
    expect(await d.page.$$eval('#study-importances tr[data-param]', (rows) => rows.map((r) => r.getAttribute('data-param')))).toHaveLength(3);
    expect(await d.page.getAttribute('#study-importances tr[data-param]', 'data-param')).toBe('x');
    await d.page.screenshot({ path: path.join(images, 'ui-tuning.png'), fullPage: true });

    await d.page.goto(`${s.server.url}/#/tuning/tradeoff`);
    await d.page.waitForSelector('#study-page[data-study="tradeoff"][data-drawn]');
    const front = await (await tuner.loadStudy('tradeoff')).bestTrials();
    expect(await d.page.textContent('#study-summary')).toContain(`Pareto front${front.length} trials`);
    expect(await d.page.getAttribute('#study-pareto .chart', 'data-points')).toBe('16');
  });
});
