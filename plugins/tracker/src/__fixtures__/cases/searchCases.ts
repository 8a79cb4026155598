import { beforeAll, describe, expect, it } from '@jest/globals';
import type { RunSearchQuery, TrackedRun } from '@mlops/core';
import { experimentName } from '../useTracker';
import type { TrackerSubject } from '../trackerSubjects';

interface Model {
  name: string;
  depth: number;
  model: string;
  flag: boolean;
  maxDepth: number;
  auc: number | undefined;
  loss: number;
  team: string;
  status: 'succeeded' | 'failed';
  startedAt: number;
}

const depths = [2, 4, 10, 9, 100, 4, 3, 20, 4, 1, 11, 5];
const base = 1_600_000_000_000;

/** Twelve top-level runs with known params, metrics and tags (auc missing on every fourth). */
const models: Model[] = depths.map((depth, i) => ({
  name: `run-${String(i).padStart(2, '0')}`,
  depth,
  model: ['gbdt', 'linear', 'tfjs'][i % 3]!,
  flag: i % 2 === 0,
  maxDepth: i % 4,
  auc: i % 4 === 3 ? undefined : 0.5 + i / 40,
  loss: 1 - i / 20,
  team: i < 6 ? 'risk' : 'Growth',
  status: i % 3 === 0 ? 'succeeded' : 'failed',
  startedAt: base + i * 1000,
}));

/** The filter language, ordering, pagination, total, nesting; every expectation computed from `models`. */
export function searchCases(subject: () => TrackerSubject): void {
  const tracker = () => subject().tracker;
  const experiment = experimentName('search');
  const children: string[] = [];
  let parentId = '';

  beforeAll(async () => {
    for (const m of models) {
      const run = await tracker().startRun({
        experiment,
        name: m.name,
        startedAt: m.startedAt,
        params: { depth: m.depth, model: m.model, flag: m.flag, train: { maxDepth: m.maxDepth } },
        tags: { team: m.team },
      });
      await tracker().logMetrics(run.id, [
        { key: 'loss', value: m.loss + 1, step: 0 },
        { key: 'loss', value: m.loss, step: 1 },
        ...(m.auc === undefined ? [] : [{ key: 'auc', value: m.auc, step: 1 }]),
      ]);
      await tracker().endRun(run.id, m.status, m.startedAt + 500);
      if (m.name === 'run-00') parentId = run.id;
    }
    for (const i of [0, 1]) children.push((await tracker().startRun({ experiment, name: `child-${i}`, parentId, startedAt: base + 100_000 + i, params: { trial: i } })).id);
  });

  const search = (query: RunSearchQuery) => tracker().searchRuns({ experiment, parentId: null, ...query });
  const names = async (query: RunSearchQuery) => (await search({ limit: 100, ...query })).runs.map((r) => r.name);
  // Default order is newest first.
  const expected = (keep: (m: Model) => boolean) => models.filter(keep).map((m) => m.name).reverse();

  describe('searchRuns filter', () => {
    it.each([
      ['=', 'metrics.auc = 0.5', (m: Model) => m.auc === 0.5],
      ['!=', 'metrics.auc != 0.5', (m: Model) => m.auc !== undefined && m.auc !== 0.5],
      ['<', 'metrics.auc < 0.6', (m: Model) => m.auc !== undefined && m.auc < 0.6],
      ['<=', 'metrics.auc <= 0.6', (m: Model) => m.auc !== undefined && m.auc <= 0.6],
      ['>', 'metrics.loss > 0.6', (m: Model) => m.loss > 0.6],
      ['>=', 'metrics.loss >= 0.6', (m: Model) => m.loss >= 0.6],
    ])('compares the latest metric value with %s', async (_op, filter, keep) => {
      expect(await names({ filter })).toEqual(expected(keep));
    });

    it('compares numeric params as numbers and string params as strings', async () => {
      expect(await names({ filter: 'params.depth > 9' })).toEqual(expected((m) => m.depth > 9));
      expect(await names({ filter: 'params.depth = 4' })).toEqual(expected((m) => m.depth === 4));
      expect(await names({ filter: "params.model = 'tfjs'" })).toEqual(expected((m) => m.model === 'tfjs'));
      expect(await names({ filter: 'params.model > "gbdt"' })).toEqual(expected((m) => m.model > 'gbdt'));
      expect(await names({ filter: 'params.model like "%in%"' })).toEqual(expected((m) => m.model.includes('in')));
      expect(await names({ filter: 'params.depth = "4"' })).toEqual([]);
      expect(await names({ filter: 'params.flag = true' })).toEqual(expected((m) => m.flag));
      expect(await names({ filter: 'params.flag != TRUE' })).toEqual(expected((m) => !m.flag));
    });

    it('reaches into nested params by dotted path', async () => {
      expect(await names({ filter: 'params.train.maxDepth = 2' })).toEqual(expected((m) => m.maxDepth === 2));
      expect(await names({ filter: 'params.train.maxDepth >= 2 and params.train.maxDepth < 3' })).toEqual(expected((m) => m.maxDepth === 2));
    });

    it('matches tags exactly or with a case-insensitive like, and binds quotes as data', async () => {
      expect(await names({ filter: 'tags.team = "risk"' })).toEqual(expected((m) => m.team === 'risk'));
      expect(await names({ filter: "tags.team like 'grow%'" })).toEqual(expected((m) => m.team === 'Growth'));
      expect(await names({ filter: `tags.team = "x' or '1'='1"` })).toEqual([]);
    });

    it('filters on the run fields', async () => {
      expect(await names({ filter: "status = 'succeeded'" })).toEqual(expected((m) => m.status === 'succeeded'));
      expect(await names({ filter: `startedAt >= ${base + 5000}` })).toEqual(expected((m) => m.startedAt >= base + 5000));
      expect(await names({ filter: 'name like "run-1%"' })).toEqual(expected((m) => m.name.startsWith('run-1')));
      expect(await names({ filter: `experiment = "${experiment}" and endedAt > 0` })).toEqual(expected(() => true));
    });

    it('combines with and, or and parentheses (and binds tighter than or)', async () => {
      const filter = 'metrics.auc > 0.6 and params.train.maxDepth = 0 and tags.team = "Growth" and status = "succeeded"';
      expect(await names({ filter })).toEqual(expected((m) => (m.auc ?? 0) > 0.6 && m.maxDepth === 0 && m.team === 'Growth' && m.status === 'succeeded'));
      expect(await names({ filter: 'params.depth = 2 or params.depth = 3 and tags.team = "risk"' })).toEqual(expected((m) => m.depth === 2 || (m.depth === 3 && m.team === 'risk')));
      expect(await names({ filter: '(params.depth = 2 or params.depth = 3) and tags.team = "risk"' })).toEqual(expected((m) => (m.depth === 2 || m.depth === 3) && m.team === 'risk'));
    });

    it('reports the column and what was expected for a bad filter', async () => {
      const messageOf = async (filter: string) => (await search({ filter }).then(() => 'no error', (e: Error) => `${(e as { code?: string }).code}: ${e.message}`));
      expect(await messageOf('metrics.auc >> 1')).toBe('E_TRACKER_QUERY: invalid filter "metrics.auc >> 1" at column 14: expected a value (a number, a quoted string, true or false), found ">"');
      expect(await messageOf('metrics.auc > 0.9 and')).toBe('E_TRACKER_QUERY: invalid filter "metrics.auc > 0.9 and" at column 22: expected a field (metrics.<key>, params.<key>, tags.<key>, status, experiment, name, startedAt, …) or "(", found the end of the text');
      expect(await messageOf('tags.team = risk')).toBe('E_TRACKER_QUERY: invalid filter "tags.team = risk" at column 13: expected a value (a number, a quoted string, true or false); quote strings, found "risk"');
      expect(await messageOf('metrics.auc = "high"')).toBe('E_TRACKER_QUERY: invalid filter "metrics.auc = \\"high\\"" at column 15: expected a number (metrics are numbers), found the string "high"');
      expect(await messageOf('metrics.auc like 0.9')).toBe('E_TRACKER_QUERY: invalid filter "metrics.auc like 0.9" at column 13: expected a numeric operator (= != < <= > >=) for a metric, found "like"');
      expect(await messageOf('colour = "red"')).toBe('E_TRACKER_QUERY: invalid filter "colour = \\"red\\"" at column 1: expected metrics.<key>, params.<key>, tags.<key> or a run field (id, experiment, name, status, parentId, pipelineRunId, startedAt, endedAt), found "colour"');
      expect(await messageOf('(params.depth = 1')).toBe('E_TRACKER_QUERY: invalid filter "(params.depth = 1" at column 18: expected and, or or ")", found the end of the text');
      expect(await messageOf('tags.team = "risk')).toBe('E_TRACKER_QUERY: invalid filter "tags.team = \\"risk" at column 13: expected a closing ", found the end of the text');
      expect(await messageOf('metrics. > 1')).toBe('E_TRACKER_QUERY: invalid filter "metrics. > 1" at column 9: expected a key after "metrics.", found "metrics."');
      expect(await messageOf('params.depth = 1 params.depth = 2')).toBe('E_TRACKER_QUERY: invalid filter "params.depth = 1 params.depth = 2" at column 18: expected and, or or the end of the filter, found "params.depth"');
      expect(await messageOf('params.flag > true')).toBe('E_TRACKER_QUERY: invalid filter "params.flag > true" at column 13: expected = or != for true/false, found ">"');
      expect(await messageOf('metrics.auc ~ 1')).toBe('E_TRACKER_QUERY: invalid filter "metrics.auc ~ 1" at column 13: expected a field, an operator (= != < <= > >= like) or a value, found "~"');
    });
  });

  describe('searchRuns order, pages and nesting', () => {
    it('orders by a metric either way with runs lacking it last', async () => {
      const withAuc = models.filter((m) => m.auc !== undefined);
      const lacking = models.filter((m) => m.auc === undefined).map((m) => m.name).reverse();
      expect(await names({ orderBy: 'metrics.auc desc' })).toEqual([...withAuc.sort((a, b) => b.auc! - a.auc!).map((m) => m.name), ...lacking]);
      expect(await names({ orderBy: 'metrics.auc' })).toEqual([...withAuc.sort((a, b) => a.auc! - b.auc!).map((m) => m.name), ...lacking]);
    });

    it('orders by params numerically, by run fields, by several keys, and rejects bad orders', async () => {
      const byDepth = [...models].sort((a, b) => a.depth - b.depth || b.startedAt - a.startedAt).map((m) => m.name);
      expect(await names({ orderBy: 'params.depth asc' })).toEqual(byDepth);
      expect(await names({ orderBy: 'name desc' })).toEqual(models.map((m) => m.name).reverse());
      expect(await names({ orderBy: 'startedAt' })).toEqual(models.map((m) => m.name));
      const byTeamThenLoss = [...models].sort((a, b) => (a.team === b.team ? a.loss - b.loss : a.team === 'risk' ? -1 : 1)).map((m) => m.name);
      expect(await names({ orderBy: 'tags.team desc, metrics.loss' })).toEqual(byTeamThenLoss);
      await expect(search({ orderBy: 'metrics.auc sideways' })).rejects.toMatchObject({ message: 'invalid orderBy "metrics.auc sideways" at column 13: expected "asc", "desc", "," or the end, found "sideways"' });
      await expect(search({ orderBy: 'colour' })).rejects.toMatchObject({ code: 'E_TRACKER_QUERY' });
    });

    it('pages with limit and offset, and counts every match in total', async () => {
      const all = await names({ orderBy: 'metrics.loss' });
      const pages: (string | null)[] = [];
      for (let offset = 0; offset < all.length; offset += 5) {
        const page = await search({ orderBy: 'metrics.loss', limit: 5, offset });
        expect(page.total).toBe(models.length);
        pages.push(...page.runs.map((r) => r.name));
      }
      expect(pages).toEqual(all);
      expect(await search({ filter: 'params.depth > 9', limit: 1 })).toMatchObject({ total: 4, runs: [{ name: expected((m) => m.depth > 9)[0] }] });
      expect(await search({ limit: 0 })).toEqual({ runs: [], total: models.length });
      await expect(search({ limit: -1 })).rejects.toMatchObject({ code: 'E_TRACKER_QUERY', message: 'limit: expected a non-negative integer, received -1' });
    });

    it('lists top-level runs, children of one run, or both, and carries every detail', async () => {
      expect((await tracker().searchRuns({ experiment, limit: 100 })).total).toBe(models.length + 2);
      const nested = await tracker().searchRuns({ experiment, parentId, orderBy: 'startedAt' });
      expect(nested.runs.map((r) => r.id)).toEqual(children);
      expect(nested.runs.map((r) => r.params)).toEqual([{ trial: 0 }, { trial: 1 }]);
      const [top] = (await search({ filter: 'name = "run-02"' })).runs as [TrackedRun];
      expect(top).toEqual(await tracker().getRun(top.id));
      expect(top).toMatchObject({ params: { depth: 10, model: 'tfjs', flag: true, train: { maxDepth: 2 } }, metrics: { loss: 0.9, auc: 0.55 }, tags: { team: 'risk' }, status: 'failed' });
    });

    it('defaults to 100 runs, newest first, over every experiment', async () => {
      const result = await tracker().searchRuns();
      expect(result.runs.length).toBe(Math.min(100, result.total));
      const started = result.runs.map((r) => r.startedAt);
      expect(started).toEqual([...started].sort((a, b) => b - a));
    });
  });
}
