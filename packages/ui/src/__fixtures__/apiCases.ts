import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ModelSignature } from '@mlops/core';
import { uiSections } from '../sections';
import { openUiSubject, type UiSubject } from './openUiSubject';

const signature: ModelSignature = { task: 'binary', inputs: [{ name: 'x', type: 'double' }], outputs: [{ name: 'probabilities', type: 'float', shape: [null, 2] }], classes: ['no', 'yes'] };
const token = 'test-token-0123456789';

/** Two runs with curves and a model with two versions, then the API's answers about them. */
export function apiCases(kind: 'sqlite' | 'postgres'): void {
  let s: UiSubject;
  const ids: string[] = [];
  const post = (path: string, body: unknown, headers: Record<string, string> = { authorization: `Bearer ${token}` }) =>
    s.api(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  beforeAll(async () => {
    s = await openUiSubject(kind, { token });
    for (const [i, depth] of [3, 5].entries()) {
      const run = await s.tracker.startRun({ experiment: 'train', name: `depth-${depth}`, params: { train: { maxDepth: depth, rate: 0.1 } }, tags: { team: 'risk' }, startedAt: 1_700_000_000_000 + i });
      // valid_loss falls then rises: last, min and max all differ.
      const curve = [0.9, 0.5, 0.3 + i * 0.05, 0.4].map((value, step) => ({ key: 'valid_loss', value, step }));
      await s.tracker.logMetrics(run.id, [...curve, { key: 'auc', value: 0.9 + i * 0.02, step: 0 }]);
      await s.tracker.endRun(run.id, 'succeeded');
      ids.push(run.id);
    }
    for (const v of [1, 2]) {
      const onnx = (await s.artifacts.put(new TextEncoder().encode(`model ${v}`))).digest;
      await s.registry.register({ name: 'churn', artifacts: { onnx }, signature, evaluation: { datasetDigest: 'sha256:test', metrics: { rocAuc: [0.81, 0.82][v - 1]! } } });
    }
    await s.registry.promote('churn', 1, { reason: 'first', actor: 'setup' });
  }, 120_000);
  afterAll(() => s?.close());

  describe(`runs (${kind})`, () => {
    it('pages, sorts and filters with the tracker, with last/min/max/best metric columns', async () => {
      const { status, body } = await s.api('runs?metrics=valid_loss:last,valid_loss:min,valid_loss:max,valid_loss:best,auc&sort=metrics.auc%20desc&limit=1');
      expect(status).toBe(200);
      expect(body.total).toBe(2);
      expect(body.runs).toHaveLength(1);
      expect(body.runs[0]).toMatchObject({ id: ids[1], name: 'depth-5', status: 'succeeded' });
      expect(body.runs[0].columns).toEqual({ 'valid_loss:last': 0.4, 'valid_loss:min': 0.35, 'valid_loss:max': 0.9, 'valid_loss:best': 0.35, 'auc:last': 0.92 });
      expect(body.metricKeys).toEqual(['auc', 'valid_loss']);
      const next = await s.api('runs?sort=metrics.auc%20desc&limit=1&offset=1');
      expect(next.body.runs.map((r: { id: string }) => r.id)).toEqual([ids[0]]);
      // Sorted by the curve's minimum (0.3 before 0.35), either way.
      const byMin = await s.api('runs?sort=min(metrics.valid_loss)');
      expect(byMin.body.runs.map((r: { id: string }) => r.id)).toEqual([ids[0], ids[1]]);
      const byMinDesc = await s.api('runs?sort=min(metrics.valid_loss)%20desc');
      expect(byMinDesc.body.runs.map((r: { id: string }) => r.id)).toEqual([ids[1], ids[0]]);
      const filtered = await s.api(`runs?filter=${encodeURIComponent('params.train.maxDepth < 4 and tags.team = "risk"')}`);
      expect(filtered.body.runs.map((r: { name: string }) => r.name)).toEqual(['depth-3']);
    });

    it('answers bad parameters with a structured 400 naming the parameter', async () => {
      expect(await s.api('runs?limit=0')).toEqual({ status: 400, body: { error: expect.objectContaining({ code: 'E_UI_INPUT', path: 'limit', expected: 'an integer from 1 to 500', received: '"0"' }) } });
      const filter = await s.api(`runs?filter=${encodeURIComponent('metrics.auc >> 1')}`);
      expect(filter.status).toBe(400);
      expect(filter.body.error).toMatchObject({ code: 'E_TRACKER_QUERY', path: 'filter:14', expected: expect.stringContaining('a value') });
      expect((await s.api('runs?sort=nonsense')).body.error).toMatchObject({ code: 'E_TRACKER_QUERY' });
      expect((await s.api('runs?metrics=bad%20key')).body.error).toMatchObject({ code: 'E_UI_INPUT', path: 'metrics' });
      expect((await s.api('compare?ids=only-one')).body.error).toMatchObject({ code: 'E_UI_INPUT', path: 'ids' });
      expect(await s.api('runs/no-such-run')).toEqual({ status: 404, body: { error: expect.objectContaining({ code: 'E_UI_NOT_FOUND', message: 'no tracked run "no-such-run"' }) } });
      expect((await s.api('nope')).status).toBe(404);
    });

    it('shows a run with its curves and compares two runs', async () => {
      const { body } = await s.api(`runs/${ids[0]}`);
      expect(body.run.params).toEqual({ train: { maxDepth: 3, rate: 0.1 } });
      expect(body.curves).toEqual({ valid_loss: { step: [0, 1, 2, 3], value: [0.9, 0.5, 0.3, 0.4] } });
      const cmp = await s.api(`compare?ids=${ids.join(',')}`);
      expect(cmp.body.sections.params).toEqual([
        { key: 'train.maxDepth', values: ['3', '5'], differs: true },
        { key: 'train.rate', values: ['0.1', '0.1'], differs: false },
      ]);
      expect(cmp.body.curves.valid_loss.map((c: { value: number }[]) => c.map((p) => p.value))).toEqual([
        [0.9, 0.5, 0.3, 0.4],
        [0.9, 0.5, 0.35, 0.4],
      ]);
    });
  });

  describe(`registry (${kind})`, () => {
    it('answers hostile names and values on every route with a 4xx, never a 5xx, on SQLite and Postgres alike', async () => {
      // What a stranger can put in a path segment or a query value: NUL (which Postgres text cannot
      // hold), an undecodable or overlong sequence, traversal, prototype names, huge numbers.
      const names = ['%00', 'a%00b', '%ED%A0%80', '%C0%AF', '%FF', '..', '%2e%2e%2f%2e%2e', "'%3B--", '__proto__', '1e309', '-1', 'x'.repeat(5000)];
      const queries = ['ids', 'dataset', 'model', 'run', 'experiment', 'filter', 'pipeline', 'sort', 'status', 'range', 'top', 'version', 'limit', 'offset', 'metrics'];
      const routes = uiSections.filter((section) => section.available(s.services)).flatMap((section) => section.routes).filter((r) => r.method === 'GET');
      const answers: string[] = [];
      for (const route of routes) {
        for (const name of route.path.includes(':') ? names : []) {
          const path = route.path.replace(/:[a-z]+/g, name);
          answers.push(`${(await s.api(path).catch(() => ({ status: 'unparseable' }))).status} ${path.slice(0, 60)}`);
        }
        for (const query of queries) answers.push(`${(await s.api(`${route.path.replace(/:[a-z]+/g, 'churn')}?${query}=a%00b`)).status} ${route.path}?${query}`);
      }
      for (const body of [{ version: 2, reason: 'r\u0000', to: 'champion' }, { version: 2, reason: 'x', to: 'a\ud800', alias: 'a\ud800' }, { reason: 'x', alias: '\u0000' }]) {
        for (const action of ['promote', 'rollback']) answers.push(`${(await post(`models/churn/${action}`, body)).status} ${action}`);
      }
      expect(answers.filter((a) => !/^4\d\d /.test(a))).toEqual([]);
      // A NUL is named as the problem, the same way on both stores.
      expect((await s.api('runs/a%00b')).body.error).toMatchObject({ code: 'E_UI_INPUT', path: 'id', received: 'a NUL character (U+0000) at index 1' });
      expect((await post('models/churn/promote', { version: 2, reason: 'r\u0000' })).body.error).toMatchObject({ code: 'E_UI_INPUT', path: 'reason' });
      expect((await s.registry.history('churn')).map((e) => e.type)).toEqual(['register', 'register', 'promote']);
    });

    it('refuses actions without the right token in a header, and bad bodies, with structured errors', async () => {
      expect((await post('models/churn/promote', { version: 2, reason: 'x' }, {})).status).toBe(401);
      const wrong = await post('models/churn/promote', { version: 2, reason: 'x' }, { 'x-mlops-token': 'wrong' });
      expect(wrong).toEqual({ status: 403, body: { error: expect.objectContaining({ code: 'E_UI_FORBIDDEN', message: 'wrong token' }) } });
      expect((await post('models/churn/promote', { version: 'two', reason: 'x' })).body.error).toMatchObject({ code: 'E_UI_INPUT', path: 'version', expected: 'a version number (a positive integer)' });
      expect((await post('models/churn/promote', { version: 2 })).body.error).toMatchObject({ code: 'E_UI_INPUT', path: 'reason' });
      const notJson = await s.api('models/churn/rollback', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' }, body: 'reason=x' });
      expect(notJson).toEqual({ status: 400, body: { error: expect.objectContaining({ path: 'content-type', expected: 'application/json' }) } });
      // GET on an action route is not an action.
      expect((await s.api('models/churn/promote')).status).toBe(404);
      // Nothing above reached the registry.
      expect((await s.registry.history('churn')).map((e) => e.type)).toEqual(['register', 'register', 'promote']);
    });

    it('promotes through the gate and rolls back with the token, written to the audit trail', async () => {
      const promoted = await post('models/churn/promote', { version: 2, reason: 'better auc', actor: 'alice' });
      expect(promoted.status).toBe(200);
      expect(promoted.body).toMatchObject({ promoted: true, forced: false, decision: { passed: true, metric: 'rocAuc', candidate: 0.82, incumbent: 0.81, incumbentVersion: 1 } });
      const rolled = await post('models/churn/rollback', { reason: 'paging alerts' });
      expect(rolled.body).toMatchObject({ type: 'rollback', version: 1, fromVersion: 2, actor: 'mlops-ui', reason: 'paging alerts' });
      const again = await post('models/churn/rollback', { reason: 'once more' });
      expect(again.status).toBe(400);
      expect(again.body.error.message).toMatch(/champion/);
      const { body } = await s.api('models/churn');
      expect(body.history.slice(3).map((e: { type: string; version: number; actor: string }) => `${e.type} v${e.version} ${e.actor}`)).toEqual(['promote v2 alice', 'rollback v1 mlops-ui']);
      expect(body.versions.find((v: { version: number }) => v.version === 1).aliases).toEqual(['champion']);
    });

    it('serves model cards as their own page with a script-free CSP', async () => {
      const res = await fetch(`${s.server.url}/api/models/churn/versions/1/card`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'");
      expect(await res.text()).toContain('churn');
      expect((await s.api('models/churn/versions/x/card')).body.error).toMatchObject({ code: 'E_UI_INPUT', path: 'version' });
    });
  });
}
