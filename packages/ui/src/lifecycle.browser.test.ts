import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { StepRunRecord } from '@mlops/core';
import { openSqlMetadataStore, type SqlMetadataStore } from '@mlops/sql-metadata';
import { describeWithChromium } from '@mlops/testkit';
import { createExampleProject, type ExampleProject } from './__fixtures__/exampleProject';
import { eachDashboardPage } from './__fixtures__/openDashboardPage';

// The example's train pipeline submitted once through the embedded orchestrator (`mlops retrain
// train --wait`, which runs it in the foreground), then lineage, orchestration and step logs checked
// in headless Chromium against the metadata store. The config's `ui.token` (not the variable) makes
// the dashboard writable. Writes docs/images/ui-lineage.png, ui-orchestration.png, ui-run-logs.png.
const repo = path.resolve(__dirname, '../../..');
const images = path.join(repo, 'docs', 'images');
const configToken = 'token-from-the-config';
let project: ExampleProject;
let ui: { url: string; child: ChildProcess };
let store: SqlMetadataStore;
let runId: string;
let steps: StepRunRecord[];

beforeAll(async () => {
  mkdirSync(images, { recursive: true });
  project = createExampleProject();
  // The documented way: the secret stays in the environment, the config references it.
  const configFile = path.join(project.dir, 'mlops.config.ts');
  const config = readFileSync(configFile, 'utf8');
  const withToken = config.replace("import { defineConfig } from '@mlops/core';", "import { defineConfig, env } from '@mlops/core';").replace('export default defineConfig({', "export default defineConfig({\n  ui: { token: env('UI_TEST_TOKEN', { default: '' }) },");
  if (withToken.split('UI_TEST_TOKEN').length !== 2 || !withToken.includes('defineConfig, env')) throw new Error(`${configFile}: could not add ui.token (the example's config changed shape)`);
  writeFileSync(configFile, withToken);
  const r = project.mlops(['retrain', 'train', '--wait', '--json']);
  if (r.status !== 0) throw new Error(`mlops retrain train failed: ${r.stderr}`);
  runId = (JSON.parse(r.stdout) as { run: { id: string } }).run.id;
  store = openSqlMetadataStore({ kind: 'sqlite', path: path.join(project.dir, '.mlops', 'metadata.sqlite') });
  await store.start();
  steps = await store.listStepRuns(runId);
  ui = await project.startUi({ UI_TEST_TOKEN: configToken, MLOPS_UI_TOKEN: '' });
}, 300_000);

afterAll(async () => {
  ui?.child.kill('SIGTERM');
  await store?.close();
  project?.remove();
});

describeWithChromium((browser) => {
  const d = eachDashboardPage(browser, () => ui.url);

  it("draws the model version's lineage from the metadata store: steps, artifacts, dataset versions, the ONNX graph it was registered from, its alias", async () => {
    await d.page.goto(`${ui.url}/#/lineage`);
    await d.page.click('#lineage-models li[data-model="breast-cancer@v1"] a');
    await d.page.waitForSelector('#lineage-graph');
    const nodes = await d.page.$$eval('#lineage-graph a.node', (els) => els.map((e) => ({ id: e.getAttribute('data-node')!, kind: e.getAttribute('data-kind')!, label: e.querySelector('text')!.textContent! })));
    const of = (kind: string) => nodes.filter((n) => n.kind === kind);
    expect(of('step').map((n) => n.label).sort()).toEqual(steps.map((s) => s.step).sort());
    const artifacts = await store.listArtifacts({ runId, limit: 1000 });
    expect(of('artifact').map((n) => n.id).sort()).toEqual(artifacts.map((a) => `artifact:${a.id}`).sort());
    const uses = await store.listDatasetUses({ runId });
    expect(of('dataset').map((n) => n.label).sort()).toEqual([...new Set(uses.map((u) => `${u.name}@v${u.version}`))].sort());
    expect(of('model').map((n) => n.label)).toEqual(['breast-cancer v1']);
    expect(of('alias').map((n) => n.label)).toEqual(['@champion']);
    // The registered ONNX graph is the export step's servingOnnx artifact.
    const serving = artifacts.find((a) => a.name === 'train/export-onnx/servingOnnx')!;
    expect(await d.page.locator(`path.edge[data-from="artifact:${serving.id}"][data-to="model:breast-cancer@v1"]`).count()).toBe(1);
    await d.page.screenshot({ path: path.join(images, 'ui-lineage.png'), fullPage: true });
  });

  it('shows the orchestrated run with every step, and the step logs on its run page', async () => {
    await d.page.goto(`${ui.url}/#/orchestration`);
    const row = `tr[data-orchestrated-run="${runId}"]`;
    await d.page.waitForSelector(row);
    expect(await d.page.textContent(`${row} td.status`)).toBe('succeeded');
    expect(await d.page.textContent(`${row} .steps-summary`)).toBe(`${steps.length}/${steps.length} succeeded`);
    expect(await d.page.textContent(`${row} td:nth-child(4)`)).toContain('manual');
    await d.page.click(`${row} summary`);
    await d.page.screenshot({ path: path.join(images, 'ui-orchestration.png') });

    await d.page.click(`${row} td:first-child a`);
    await d.page.waitForSelector('#run-logs details[data-step="train"] pre.log');
    const train = steps.find((s) => s.step === 'train')!;
    expect(await d.page.textContent('#run-logs details[data-step="train"] pre.log')).toBe(train.logs);
    expect(train.logs).toContain('gbdt: test accuracy');
    expect(await d.page.locator('#run-logs details').count()).toBe(steps.length);
    await d.page.locator('#run-logs').screenshot({ path: path.join(images, 'ui-run-logs.png') });
  });

  it("takes the token from the config's ui.token", async () => {
    const meta = (await (await fetch(`${ui.url}/api/meta`)).json()) as { writable: boolean };
    expect(meta.writable).toBe(true);
    const rollback = (headers: Record<string, string>) => fetch(`${ui.url}/api/models/breast-cancer/rollback`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ reason: 'token check' }) });
    expect((await rollback({})).status).toBe(401);
    expect((await rollback({ authorization: 'Bearer wrong' })).status).toBe(403);
    // Past the token check, the registry refuses: @champion has never moved, so there is nothing to roll back to.
    const accepted = await rollback({ authorization: `Bearer ${configToken}` });
    expect(accepted.status).toBe(400);
    expect(((await accepted.json()) as { error: { message: string } }).error.message).toMatch(/champion/);
  });
});
