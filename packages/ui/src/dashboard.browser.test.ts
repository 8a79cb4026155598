import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { TrackedRun } from '@mlops/core';
import { openSqlMetadataStore, sqlHandleOf, type SqlMetadataStore } from '@mlops/sql-metadata';
import { LocalArtifactStore } from '@mlops/storage-local';
import { describeWithChromium } from '@mlops/testkit';
import { SqlTracker } from '@mlops/tracker';
import { createExampleProject, type ExampleProject } from './__fixtures__/exampleProject';
import { columnTexts, eachDashboardPage } from './__fixtures__/openDashboardPage';

// The dashboard against the example's own data: its train pipeline run twice through the built CLI
// (the default split, then seed 7), served by `mlops ui`, checked in headless Chromium against what
// the tracker and the metadata store say. The screenshots in docs/images/ come from here.
const repo = path.resolve(__dirname, '../../..');
const images = path.join(repo, 'docs', 'images');
const token = 'ui-example-token';
let project: ExampleProject;
let ui: { url: string; child: ChildProcess };
let store: SqlMetadataStore;
let tracker: SqlTracker;
let runs: TrackedRun[];

const fmt = (v: number) => String(Number(v.toPrecision(6)));
const fmtBytes = (n: number) => (n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 ** 2).toFixed(1)} MiB`);

beforeAll(async () => {
  mkdirSync(images, { recursive: true });
  project = createExampleProject();
  for (const args of [['run', 'train'], ['run', 'train', '-p', 'seed=7']]) {
    const r = project.mlops(args);
    if (r.status !== 0) throw new Error(`mlops ${args.join(' ')} failed: ${r.stderr}`);
  }
  store = openSqlMetadataStore({ kind: 'sqlite', path: path.join(project.dir, '.mlops', 'metadata.sqlite') });
  await store.start();
  tracker = new SqlTracker(sqlHandleOf(store.database, 'ui-test'));
  runs = (await tracker.searchRuns({ orderBy: 'startedAt' })).runs;
  ui = await project.startUi({ MLOPS_UI_TOKEN: token });
}, 300_000);

afterAll(async () => {
  ui?.child.kill('SIGTERM');
  await store?.close();
  project?.remove();
});

describeWithChromium((browser) => {
  const d = eachDashboardPage(browser, () => ui.url);
  const waitForRuns = async (query: string) => {
    await d.page.goto(`${ui.url}/#/runs${query}`);
    await d.page.waitForSelector('#runs-table[data-query]:not([data-query=""])');
  };

  it('lists the runs with metric columns, filters and sorts them', async () => {
    expect(runs).toHaveLength(2);
    const [first, second] = runs as [TrackedRun, TrackedRun];
    await waitForRuns('?metrics=train.rocAuc:last,train.valid_logloss:min');
    expect(await d.page.textContent('#project')).toBe('breast-cancer');
    expect(await d.page.textContent('#page-range')).toBe('1–2 of 2');
    // Newest first; the metric columns hold the tracker's latest value and the curve's minimum.
    expect(await columnTexts(d.page, '#runs-table', 1)).toEqual([second.id.slice(0, 12), first.id.slice(0, 12)]);
    const minLoss = async (run: TrackedRun) => Math.min(...(await tracker.metricHistory(run.id, 'train.valid_logloss')).map((p) => p.value));
    expect(await columnTexts(d.page, '#runs-table', 7)).toEqual([fmt(second.metrics['train.rocAuc']!), fmt(first.metrics['train.rocAuc']!)]);
    expect(await columnTexts(d.page, '#runs-table', 8)).toEqual([fmt(await minLoss(second)), fmt(await minLoss(first))]);
    await d.page.screenshot({ path: path.join(images, 'ui-runs.png') });

    // Sorting by the metric's header: ascending order of the latest value.
    await d.page.click('th[data-col="train.rocAuc:last"] .sortable');
    await d.page.waitForSelector('th[data-col="train.rocAuc:last"] .sortable[data-sort="desc"]');
    await d.page.waitForSelector('#runs-table[data-query*="metrics.train.rocAuc desc"]');
    const byAuc = [...runs].sort((a, b) => b.metrics['train.rocAuc']! - a.metrics['train.rocAuc']!);
    expect(await columnTexts(d.page, '#runs-table', 1)).toEqual(byAuc.map((r) => r.id.slice(0, 12)));

    // The tracker's filter language, typed into the page.
    await d.page.fill('#runs-filter', 'params.seed = 7');
    await d.page.press('#runs-filter', 'Enter');
    await d.page.waitForSelector('#page-range:text-is("1–1 of 1")');
    expect(await columnTexts(d.page, '#runs-table', 1)).toEqual([second.id.slice(0, 12)]);
    // A malformed filter shows the tracker's error, with the column.
    await d.page.fill('#runs-filter', 'params.seed >> 7');
    await d.page.press('#runs-filter', 'Enter');
    expect(await (await d.page.waitForSelector('.error')).textContent()).toContain('invalid filter "params.seed >> 7" at column 14');
  });

  it("lists the example's validation reports on the Data page, its model for drift, and no study yet", async () => {
    // The train pipeline's validate step stores its report (a cached rerun stores none).
    const reports = (await store.listArtifacts({ name: 'train/validate/report' })).sort((a, b) => b.createdAt - a.createdAt);
    expect(reports.length).toBeGreaterThan(0);
    const stored = JSON.parse(new TextDecoder().decode(await readBlob(reports[0]!.digest)));
    await d.page.goto(`${ui.url}/#/data`);
    await d.page.waitForSelector('#validations-table tbody tr');
    expect(await d.page.$$eval('#validations-table tbody tr', (rows) => rows.map((r) => r.getAttribute('data-report')))).toEqual(reports.map((r) => r.id));
    expect(await columnTexts(d.page, '#validations-table', 3)).toEqual([stored.passed ? 'passed' : 'failed', ...reports.slice(1).map(() => expect.any(String))]);
    expect(await columnTexts(d.page, '#validations-table', 6)).toEqual([String(stored.summary.pass), ...reports.slice(1).map(() => expect.any(String))]);
    expect(await d.page.textContent('#drift-models')).toContain('breast-cancer');
    await d.page.goto(`${ui.url}/#/tuning`);
    expect(await (await d.page.waitForSelector('text=no study yet')).textContent()).toContain('mlops tune run STUDY');
  });

  it('shows a run: params, metrics, curves, artifacts with sizes and previews, dataset versions, git commit', async () => {
    const run = runs[1]!;
    await d.page.goto(`${ui.url}/#/runs/${run.id}`);
    await d.page.waitForSelector('#run-id');
    expect(await d.page.textContent('#run-id')).toBe(run.id);
    const params = await d.page.$$eval('#run-params tr', (rows) => Object.fromEntries(rows.map((r) => [r.children[0]!.textContent, r.children[1]!.textContent])));
    expect(params).toMatchObject({ seed: '7', 'train.maxDepth': String(run.params['train.maxDepth']), testFraction: String(run.params.testFraction) });
    const metrics = await d.page.$$eval('#run-metrics tr', (rows) => Object.fromEntries(rows.map((r) => [r.children[0]!.textContent, r.children[1]!.textContent])));
    expect(Object.keys(metrics).sort()).toEqual(Object.keys(run.metrics).sort());
    expect(metrics['train.rocAuc']).toBe(fmt(run.metrics['train.rocAuc']!));
    // One chart per metric logged at more than one step (the GBDT's per-round losses), drawn by uPlot.
    const curveKeys: string[] = [];
    for (const key of Object.keys(run.metrics)) if ((await tracker.metricHistory(run.id, key)).length > 1) curveKeys.push(key);
    expect(curveKeys.length).toBeGreaterThan(0);
    expect((await d.page.$$eval('#run-curves [data-chart]', (els) => els.map((e) => e.getAttribute('data-chart')))).sort()).toEqual(curveKeys.sort());
    expect(await d.page.locator('#run-curves canvas').count()).toBe(curveKeys.length);
    // Artifacts with their recorded sizes.
    const records = await store.listArtifacts({ runId: run.id, limit: 1000 });
    const onnx = records.find((a) => a.name === 'train/export-onnx/servingOnnx')!;
    expect(await d.page.textContent('tr[data-artifact="train/export-onnx/servingOnnx"] td.num')).toBe(fmtBytes(onnx.size));
    // A JSON artifact's preview is its content, pretty-printed.
    const selection = records.find((a) => a.name === 'train/export-onnx/selection')!;
    await d.page.click('tr[data-artifact="train/export-onnx/selection"] button');
    const preview = await (await d.page.waitForSelector('pre.preview[data-kind="json"]')).textContent();
    expect(JSON.parse(preview!)).toEqual(JSON.parse(new TextDecoder().decode(await readBlob(selection.digest))));
    // Dataset versions with their digests, as the metadata store has them.
    const train = (await store.listDatasetUses({ runId: run.id })).find((u) => u.name === 'breast-cancer/train')!;
    const version = (await store.getDatasetVersion(train.name, train.version))!;
    expect(await d.page.textContent(`tr[data-dataset="breast-cancer/train@v${version.version}"]`)).toContain(version.digest);
    expect(await d.page.textContent('#git-commit')).toBe(project.commit);
    await d.page.screenshot({ path: path.join(images, 'ui-run.png'), fullPage: true });
  });

  it('compares two runs: overlaid curves, params side by side, differences only', async () => {
    await waitForRuns('');
    for (const run of runs) await d.page.check(`tr[data-run="${run.id}"] input[type=checkbox]`);
    await d.page.click('#compare-selected');
    await d.page.waitForSelector('#compare-params tr[data-key="seed"]');
    const seedRow = await d.page.$$eval('#compare-params tr[data-key="seed"] td', (tds) => tds.map((t) => t.textContent));
    expect(seedRow).toEqual(runs.map((r) => String(r.params.seed ?? '–')));
    expect(await d.page.getAttribute('#compare-params tr[data-key="seed"]', 'class')).toBe('differs');
    expect(await d.page.locator('#compare-params tr[data-key="testFraction"]').count()).toBe(1);
    // Each shared curve is one chart with one series per run.
    expect(await d.page.getAttribute('#compare-curves [data-chart="train.valid_logloss"]', 'data-series')).toBe('2');
    await d.page.screenshot({ path: path.join(images, 'ui-compare.png'), fullPage: true });
    await d.page.check('#diff-only');
    expect(await d.page.locator('#compare-params tr[data-key="testFraction"]').count()).toBe(0);
    expect(await d.page.locator('#compare-params tr[data-key="seed"]').count()).toBe(1);
    expect(await d.page.locator('#compare-params tbody tr:not(.differs)').count()).toBe(0);
  });

  it('promotes and rolls back from the registry page with the token and a confirmation; the audit trail grows', async () => {
    await d.page.goto(`${ui.url}/#/models`);
    await d.page.waitForSelector('#models-table tr[data-model="breast-cancer"]');
    await d.page.click('#models-table a:text("breast-cancer")');
    await d.page.waitForSelector('#audit-trail');
    const events = () => d.page.$$eval('#audit-trail tbody tr', (rows) => rows.map((r) => `${r.getAttribute('data-event')} v${r.getAttribute('data-version')}`));
    const before = await events();
    expect(before).toEqual((await historyByCli()).map((e) => `${e.type} v${e.version}`).reverse());
    const champion = Number((await d.page.textContent('[data-alias="champion"]'))!.match(/v(\d+)/)![1]);
    const other = champion === 1 ? 2 : 1;

    // Without the token the API refuses, and the page says so; nothing is written.
    await d.page.click(`button[data-promote="${other}"]`);
    await d.page.fill('#confirm-reason', 'ui test promote');
    await d.page.check('#confirm-force');
    await d.page.click('#confirm-ok');
    expect(await (await d.page.waitForSelector('#confirm .error')).textContent()).toContain('E_UI_UNAUTHENTICATED');
    expect(await historyByCli()).toHaveLength(before.length);

    await d.page.fill('#token', token);
    await d.page.click('#confirm-ok');
    expect(await (await d.page.waitForSelector('#action-outcome')).textContent()).toContain(`v${other} is now @champion`);
    await d.page.waitForSelector(`#audit-trail[data-events="${before.length + 1}"]`);
    expect((await events())[0]).toMatch(new RegExp(`^promot(e|ion-forced) v${other}$`));
    expect(await d.page.textContent('#audit-trail tbody tr:first-child')).toContain('ui test promote');
    expect(await d.page.textContent('[data-alias="champion"]')).toBe(`@champion → v${other}`);

    await d.page.click('#rollback');
    await d.page.fill('#confirm-reason', 'ui test rollback');
    await d.page.click('#confirm-ok');
    expect(await (await d.page.waitForSelector('#action-outcome')).textContent()).toContain(`rolled back from v${other} to v${champion}`);
    await d.page.waitForSelector(`#audit-trail[data-events="${before.length + 2}"]`);
    expect((await events())[0]).toBe(`rollback v${champion}`);
    // The registry itself (read by the CLI) has both events, with the page's actor and reasons.
    const after = (await historyByCli()).slice(before.length);
    expect(after.map((e) => [e.type.startsWith('promot') ? 'promote' : e.type, e.version, e.actor, e.reason])).toEqual([
      ['promote', other, 'mlops-ui', 'ui test promote'],
      ['rollback', champion, 'mlops-ui', 'ui test rollback'],
    ]);
    // The gate's comparison is shown for promotions; the card is framed from the same origin.
    expect(await d.page.locator('#audit-trail .gate').count()).toBeGreaterThan(0);
    expect(await d.page.textContent('#audit-trail .gate')).toContain('rocAuc');
    const card = d.page.frameLocator('iframe.card');
    expect(await card.locator('body').textContent()).toContain('Any clinical decision');
    // The viewport only: a full-page capture re-lays out the page and catches the card's frame unpainted.
    await d.page.screenshot({ path: path.join(images, 'ui-registry.png') });
  });
});

async function historyByCli(): Promise<{ type: string; version: number; actor: string; reason: string | null }[]> {
  return JSON.parse(project.mlops(['models', 'history', 'breast-cancer', '--json']).stdout);
}

async function readBlob(digest: string): Promise<Uint8Array> {
  return new LocalArtifactStore({ path: path.join(project.dir, '.mlops', 'artifacts') }).get(digest);
}
