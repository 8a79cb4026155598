import { describeWithChromium } from '@mlops/testkit';
import { eachDashboardPage } from './__fixtures__/openDashboardPage';
import { openUiSubject, type UiSubject } from './__fixtures__/openUiSubject';

// 10,000 runs logged through the tracker's API into a real SQLite store, served by the dashboard:
// each kind of interaction with the runs table (page, sort, filter, page size) must put its rows on
// screen within 300 ms (median of six), measured in the browser from the click to the rendered table.
const runCount = 10_000;
const budgetMs = 300;
let s: UiSubject;

/** Deterministic metric values (no Math.random: the expected order is recomputed). */
const aucOf = (i: number) => ((i * 7919) % 10007) / 10007;

beforeAll(async () => {
  s = await openUiSubject('sqlite');
  let next = 0;
  const writer = async () => {
    for (let i = next++; i < runCount; i = next++) {
      const run = await s.tracker.startRun({ experiment: 'scale', name: `r${String(i).padStart(5, '0')}`, startedAt: 1_700_000_000_000 + i * 1000, params: { depth: i % 8, lr: (i % 5) / 10 }, tags: { team: ['risk', 'growth'][i % 2]! } });
      // A 10-step loss curve (its minimum is a column) and a final AUC.
      const loss = Array.from({ length: 10 }, (_, step) => ({ key: 'loss', value: 1 / (step + 1) + (i % 13) / 100, step }));
      await s.tracker.logMetrics(run.id, [...loss, { key: 'auc', value: aucOf(i), step: 0 }]);
    }
  };
  await Promise.all(Array.from({ length: 4 }, writer));
}, 900_000);
afterAll(() => s?.close());

describeWithChromium((browser) => {
  const d = eachDashboardPage(browser, () => s.server.url, { shared: true });

  /**
   * Runs `act` in the page and resolves to the ms until the table shows a different query's rows.
   * A script string, because this project's type check has no DOM library.
   */
  const timed = (act: string): Promise<number> =>
    d.page.evaluate(`(async () => {
      const table = document.querySelector('#runs-table');
      const before = table.getAttribute('data-query');
      const done = new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          const q = table.getAttribute('data-query');
          if (q && q !== before) {
            observer.disconnect();
            resolve();
          }
        });
        observer.observe(table, { attributes: true, attributeFilter: ['data-query'] });
      });
      const t0 = performance.now();
      ${act};
      await done;
      return performance.now() - t0;
    })()`);
  const names = () => d.page.$$eval('#runs-table tbody tr', (rows) => rows.map((r) => r.children[2]?.textContent ?? ''));
  const click = (selector: string) => `document.querySelector(${JSON.stringify(selector)}).click()`;

  it(`pages, sorts and filters ${runCount.toLocaleString('en')} runs with each kind of interaction under ${budgetMs} ms (median of six, browser-measured)`, async () => {
    await d.page.goto(`${s.server.url}/#/runs?metrics=auc:last,loss:min`);
    await d.page.waitForSelector('#runs-table[data-query]:not([data-query=""])');
    expect(await d.page.textContent('#page-range')).toBe(`1–50 of ${runCount.toLocaleString('en')}`);
    const all = Array.from({ length: runCount }, (_, i) => i);
    const name = (i: number) => `r${String(i).padStart(5, '0')}`;
    expect(await names()).toEqual(all.slice(-50).reverse().map(name));

    // Each kind of interaction six times (each undoes the previous one, so every click changes the
    // query); the machine is shared, so the budget holds for the median of the six, and every sample
    // is printed.
    const samples: Record<string, number[]> = {};
    const repeat = async (kind: string, acts: string[], check?: (k: number) => Promise<void>) => {
      for (let k = 0; k < 6; k++) {
        (samples[kind] ??= []).push(await timed(acts[k % acts.length]!));
        await check?.(k);
      }
    };
    await repeat('page', [click('#page-next'), click('#page-prev')], async (k) => {
      if (k === 0) expect(await names()).toEqual(all.slice(-100, -50).reverse().map(name));
    });
    expect(await d.page.textContent('#page-range')).toBe(`1–50 of ${runCount.toLocaleString('en')}`);

    const byAuc = [...all].sort((a, b) => aucOf(b) - aucOf(a) || b - a);
    await repeat('sort by a metric', [click('th[data-col="auc:last"] .sortable')], async (k) => {
      if (k === 0) expect(await names()).toEqual(byAuc.slice(0, 50).map(name));
      if (k === 1) expect(await names()).toEqual([...byAuc].reverse().slice(0, 50).map(name));
    });
    const shownAuc = await d.page.$$eval('#runs-table td[data-col="auc:last"]', (tds) => tds.map((t) => Number(t.textContent)));
    expect(shownAuc[0]).toBeCloseTo(aucOf(byAuc[byAuc.length - 1]!), 5);

    // By the minimum of each run's loss curve (the tracker's summary table): 0.1 + (i % 13) / 100.
    const byMinLoss = [...all].sort((a, b) => (b % 13) - (a % 13) || b - a);
    await repeat("sort by a curve's min", [click('th[data-col="loss:min"] .sortable')], async (k) => {
      if (k === 0) expect(await names()).toEqual(byMinLoss.slice(0, 50).map(name));
      if (k === 1) expect(await names()).toEqual([...all].sort((a, b) => (a % 13) - (b % 13) || b - a).slice(0, 50).map(name));
    });

    await repeat('sort by name', [click('#runs-table thead th:nth-child(3)')], async (k) => {
      if (k === 0) expect(await names()).toEqual(all.slice(0, 50).map(name));
    });
    await repeat('page, sorted by name', [click('#page-next'), click('#page-prev')]);

    const pageSize = (n: number) => `const s = document.querySelector('#page-size'); s.value = '${n}'; s.dispatchEvent(new Event('change', { bubbles: true }))`;
    await repeat('200 per page', [pageSize(200), pageSize(50)], async (k) => {
      if (k === 0) {
        expect((await names()).length).toBe(200);
        // The minimum of each run's loss curve, summarised on the server for the page's runs only.
        const minLoss = await d.page.$$eval('#runs-table td[data-col="loss:min"]', (tds) => tds.map((t) => Number(t.textContent)));
        const shown = await names();
        expect(minLoss).toEqual(shown.map((n) => Number((0.1 + (Number(n.slice(1)) % 13) / 100).toPrecision(6))));
      }
    });

    const filters = ['metrics.auc > 0.9 and params.depth = 3', 'tags.team = "risk" and metrics.auc < 0.1'];
    const applyFilter = (f: string) => `const i = document.querySelector('#runs-filter'); i.value = ${JSON.stringify(f)}; document.querySelector('.filter button').click()`;
    await repeat('filter', [applyFilter(filters[0]!), applyFilter(filters[1]!)], async (k) => {
      const matching = k % 2 === 0 ? all.filter((i) => aucOf(i) > 0.9 && i % 8 === 3) : all.filter((i) => i % 2 === 0 && aucOf(i) < 0.1);
      if (k < 2) expect(await d.page.textContent('#page-range')).toBe(`1–${Math.min(50, matching.length)} of ${matching.length}`);
    });

    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const report = Object.entries(samples).map(([kind, xs]) => `${kind}: median ${Math.round(median(xs))} ms (${xs.map(Math.round).join(', ')})`);
    // eslint-disable-next-line no-console
    console.log(`runs table with ${runCount} runs, browser-measured ms per interaction:\n${report.join('\n')}`);
    // The budget is for paging, sorting and filtering at the default page size; the 200-row page is
    // measured and printed (it sends four times the rows) but not held to it.
    for (const [kind, xs] of Object.entries(samples).filter(([k]) => k !== '200 per page')) expect({ kind, median: median(xs) < budgetMs ? 'within budget' : median(xs) }).toEqual({ kind, median: 'within budget' });
  }, 120_000);
});
