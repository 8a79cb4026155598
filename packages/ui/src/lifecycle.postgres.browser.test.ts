import { describeWithChromium, describeWithService, postgresTestUrl, tcpTargetOfUrl } from '@mlops/testkit';
import { eachDashboardPage } from './__fixtures__/openDashboardPage';
import type { UiSubject } from './__fixtures__/openUiSubject';
import { openSeededSubject, type SeededLifecycle } from './__fixtures__/seedLifecycle';

// The dashboard on a Postgres metadata store, seeded through the stores' public APIs (a pipeline's
// runs, the registry, the orchestrator's run store): lineage clicked through, the orchestration
// page filtered, and a running run followed live on its page and in the runs table.
describeWithService('postgres', tcpTargetOfUrl(postgresTestUrl(), 5432), () => {
  let s: UiSubject;
  let seed: SeededLifecycle;
  beforeAll(async () => {
    ({ s, seed } = await openSeededSubject('postgres'));
  }, 120_000);
  afterAll(() => s?.close());

  describeWithChromium((browser) => {
    const d = eachDashboardPage(browser, () => s.server.url);
    const labels = () => d.page.$$eval('#lineage-graph a.node', (els) => els.map((e) => `${e.getAttribute('data-kind')} ${e.querySelector('text')!.textContent}`).sort());

    it('clicks through lineage: model version → dataset version → the step that read it → its run and logs', async () => {
      await d.page.goto(`${s.server.url}/#/lineage`);
      await d.page.click('#lineage-models li[data-model="churn@v1"] a');
      await d.page.waitForSelector('#lineage-graph');
      expect(await d.page.textContent('#lineage-title')).toBe('model churn v1');
      expect(await labels()).toEqual(['alias @champion', 'artifact modelOnnx', 'artifact table', 'dataset churn/train@v1', 'model churn v1', 'step fit', 'step prepare']);
      expect(await d.page.getAttribute('#lineage-graph', 'data-edges')).toBe('7');
      expect(await d.page.getAttribute('a.node.focus', 'data-node')).toBe('model:churn@v1');
      // The dataset version's own lineage adds the run that read it.
      await d.page.click('a.node[data-node="dataset:churn/train@v1"]');
      await d.page.waitForSelector(`a.node[data-node="step:${seed.stepRuns.score}"]`);
      expect(await d.page.textContent('#lineage-title')).toBe('dataset churn/train@v1');
      expect(await d.page.$$eval('#lineage-graph path.edge', (els) => els.map((e) => `${e.getAttribute('data-from')} ${e.getAttribute('data-to')}`))).toContain(`dataset:churn/train@v1 step:${seed.stepRuns.score}`);
      // A step leads to its run, whose page shows each step's log.
      await d.page.click(`a.node[data-node="step:${seed.stepRuns.fit}"]`);
      await d.page.waitForSelector('#run-logs details[data-step="fit"] pre.log');
      expect(await d.page.textContent('#run-id')).toBe(seed.producer);
      expect(await d.page.textContent('#run-logs details[data-step="fit"] pre.log')).toBe(seed.logs.fit);
      // And a model version to the registry.
      await d.page.goto(`${s.server.url}/#/lineage?model=churn&version=1`);
      await d.page.click('a.node[data-node="model:churn@v1"]');
      await d.page.waitForSelector('#model-name:text-is("churn")');
      // …which links back to each version's lineage.
      await d.page.click('a[data-lineage="1"]');
      await d.page.waitForSelector('a.node.focus[data-node="model:churn@v1"]');
    });

    it('shows the queue, the schedules and failed runs with the failing step', async () => {
      await d.page.goto(`${s.server.url}/#/orchestration`);
      await d.page.waitForSelector('#orchestrated-runs-table[data-status="all"]');
      expect(await d.page.locator('#orchestrated-runs-table > tbody > tr').count()).toBe(3);
      expect(await d.page.textContent('#schedules tr[data-schedule="nightly"]')).toContain('0 2 * * *');
      const queue = await d.page.$$eval('#queue tr', (rows) => Object.fromEntries(rows.map((r) => [r.children[0]!.textContent, r.children[1]!.textContent])));
      expect(queue).toMatchObject({ 'jobs active': '1', 'runs failed': '1', 'runs running': '1', 'runs succeeded': '1' });
      await d.page.click('a[data-filter="failed"]');
      await d.page.waitForSelector('#orchestrated-runs-table[data-status="failed"]');
      const row = `tr[data-orchestrated-run="${seed.orchestrated.failed}"]`;
      expect(await d.page.locator('#orchestrated-runs-table > tbody > tr').count()).toBe(1);
      await d.page.click(`${row} summary`);
      expect(await d.page.textContent(`${row} tr[data-step="train"]`)).toContain('no rows to train on');
      expect(await d.page.textContent(`${row} .run-error`)).toContain('step "train" failed after 1 attempt');
    });

    it('follows a running run live: its page and the runs table update without a reload', async () => {
      const run = await s.tracker.startRun({ experiment: 'live', name: 'live-run' });
      await s.tracker.logMetrics(run.id, [0.9, 0.7].map((value, step) => ({ key: 'loss', value, step })));
      await d.page.goto(`${s.server.url}/#/runs/${run.id}`);
      await d.page.waitForSelector('#run-live');
      expect(await d.page.textContent('#run-status')).toBe('running');
      const polls = d.page.waitForResponse((r) => r.url().endsWith(`/api/runs/${run.id}`) && r.status() === 304, { timeout: 10_000 });
      await polls; // nothing changed yet: the poll costs a bodiless 304
      await s.tracker.logMetrics(run.id, [{ key: 'loss', value: 0.25, step: 2 }]);
      await s.tracker.endRun(run.id, 'succeeded');
      await d.page.waitForSelector('#run-status:text-is("succeeded")', { timeout: 10_000 });
      expect(await d.page.textContent('#run-metrics tr:has(th:text-is("loss")) td')).toBe('0.25');
      expect(await d.page.locator('#run-live').count()).toBe(0);

      const other = await s.tracker.startRun({ experiment: 'live', name: 'table-run' });
      await d.page.goto(`${s.server.url}/#/runs?filter=${encodeURIComponent('experiment = "live"')}`);
      await d.page.waitForSelector(`tr[data-run="${other.id}"] td.status.running`);
      await s.tracker.endRun(other.id, 'failed');
      await d.page.waitForSelector(`tr[data-run="${other.id}"] td.status.failed`, { timeout: 12_000 });
    });
  });
});
