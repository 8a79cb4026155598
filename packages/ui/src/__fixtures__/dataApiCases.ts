import { tokens } from '@mlops/core';
import { openDataSubject, traffic, type DataSubject } from './openDataSubject';

/** The Data and Tuning API over a seeded project on one store kind; every number is checked against the plugins' own answers. */
export function dataApiCases(kind: 'sqlite' | 'postgres'): void {
  let subject: DataSubject;
  beforeAll(async () => {
    subject = await openDataSubject(kind);
  }, 60_000);
  afterAll(() => subject?.close());

  it('lists the sections whose plugins are configured', async () => {
    const { body } = await subject.api('meta');
    expect(body.sections.map((s: { id: string }) => s.id)).toEqual(['models', 'lineage', 'data', 'tuning']);
  });

  it('lists the validation report with its verdict, counts and baseline, and shows every check', async () => {
    const { body } = await subject.api('data/validations');
    expect(body.reports).toHaveLength(1);
    const [r] = body.reports;
    expect(r).toMatchObject({ name: 'accounts/validate/report', runId: subject.validationRunId, dataset: 'accounts', passed: true, rows: { input: 200, output: 200 } });
    expect(r.summary.fail).toBe(0);
    expect(r.summary.warn).toBe(1);
    const shown = await subject.api(`data/validations/${r.id}`);
    const range = shown.body.report.checks.find((c: { check: string; column?: string }) => c.check === 'range' && c.column === 'balance');
    expect(range).toMatchObject({ status: 'warn', badCount: 7 });
    expect(shown.body.baseline.rowCount).toBe(200);
    expect(shown.body.baseline.columns.balance).toMatchObject({ kind: 'numeric', count: 200, min: -177 });
    expect(shown.body.baseline.columns.plan.frequencies).toEqual([{ value: 'free', count: 133 }, { value: 'pro', count: 67 }]);
    expect((await subject.api('data/validations/nope')).status).toBe(404);
  });

  it('judges each window of the range: x drifts from the seventh slice on, y never; performance per window', async () => {
    const since = subject.now - traffic.slices * traffic.sliceMs;
    const { status, body } = await subject.api(`data/drift?model=churn@champion&since=${since}&until=${subject.now}&buckets=${traffic.slices}`);
    expect(status).toBe(200);
    expect(body.buckets).toHaveLength(traffic.slices);
    const feature = (b: any, name: string) => b.report.features.find((f: { name: string }) => f.name === name);
    expect(body.buckets.map((b: any) => b.report.summary.currentRows)).toEqual(Array(traffic.slices).fill(traffic.rowsPerSlice));
    expect(body.buckets.map((b: any) => feature(b, 'x').drifted)).toEqual(Array.from({ length: traffic.slices }, (_, s) => s >= traffic.driftFrom));
    expect(body.buckets.map((b: any) => feature(b, 'y').drifted)).toEqual(Array(traffic.slices).fill(false));
    const histogram = feature(body.buckets[traffic.slices - 1], 'x').histogram;
    expect(histogram.edges).toHaveLength(histogram.current.length + 1);
    // The shifted window's mass sits to the right of the reference's.
    const meanBin = (shares: number[]) => shares.reduce((a, s, i) => a + s * i, 0) / shares.reduce((a, s) => a + s, 0);
    expect(meanBin(histogram.current)).toBeGreaterThan(meanBin(histogram.reference) + 3);
    // The page's performance equals the monitor's own report of the same window.
    const last = body.buckets[traffic.slices - 1];
    const direct = (await subject.runtime.get(tokens.monitor).driftReport('churn@champion', { since: last.since, until: last.until })) as any;
    expect(last.report.performance.metrics).toEqual(direct.performance.metrics);
    const accuracy = last.report.performance.metrics.find((m: { name: string }) => m.name === 'accuracy');
    expect(accuracy.realized).toBeGreaterThan(0.5);
    expect(accuracy.estimated).toBeGreaterThan(0.5);
  });

  it('refuses a missing model, an unknown range and an unknown model by name', async () => {
    expect(await subject.api('data/drift')).toMatchObject({ status: 400, body: { error: { code: 'E_UI_INPUT', path: 'model' } } });
    const range = await subject.api('data/drift?model=churn&range=2h');
    expect(range.status).toBe(400);
    expect(range.body.error.message).toBe('range: expected one of 1h, 6h, 24h, 7d, received "2h"');
    expect((await subject.api('data/drift?model=nope')).status).toBe(404);
  });

  it('shows the alert history: the drifted hour fired, the clean hour did not', async () => {
    const { body } = await subject.api('data/alerts?model=churn');
    const stored = await subject.runtime.get(tokens.monitor).listAlerts({ model: 'churn' });
    expect(body.alerts).toEqual(stored);
    expect(body.alerts.length).toBeGreaterThan(0);
    expect(new Set(body.alerts.map((a: { firedAt: number }) => a.firedAt))).toEqual(new Set([subject.now]));
    expect(body.alerts.map((a: { rule: string; column: string | null }) => `${a.rule}:${a.column}`)).toEqual(expect.arrayContaining(['baseline-shift:x', 'dataset-drift:null']));
    expect(body.alerts.some((a: { column: string | null }) => a.column === 'y')).toBe(false);
  });

  it('lists the studies and serves one study as columns: best so far, params, importances', async () => {
    const tuner = subject.runtime.get(tokens.tuner);
    const { body } = await subject.api('studies');
    expect(body.studies).toEqual(await tuner.listStudies());
    const best = await (await tuner.loadStudy('quadratic')).bestTrial();
    const view = (await subject.api('studies/quadratic')).body;
    expect(view.trials.number).toEqual(Array.from({ length: 24 }, (_, i) => i));
    expect(view.best).toMatchObject({ number: best!.number, value: best!.values![0] });
    expect(view.trials.bestSoFar[23]).toBe(best!.values![0]);
    expect(view.params.map((p: { name: string }) => p.name).sort()).toEqual(['depth', 'kind', 'x']);
    const { importances } = (await subject.api('studies/quadratic/importances')).body;
    expect(importances.values[0].name).toBe('x');
    expect((await subject.api('studies/nope')).status).toBe(404);
  });

  it('serves the Pareto front of a two-objective study, equal to a brute-force check', async () => {
    const trials = await (await subject.runtime.get(tokens.tuner).loadStudy('tradeoff')).trials(['complete']);
    const dominated = (t: (typeof trials)[number]) => trials.some((o) => o.values![0]! <= t.values![0]! && o.values![1]! <= t.values![1]! && (o.values![0]! < t.values![0]! || o.values![1]! < t.values![1]!));
    const front = trials.filter((t) => !dominated(t)).map((t) => t.number);
    const view = (await subject.api('studies/tradeoff')).body;
    expect(view.paretoFront).toEqual(front);
    expect(front.length).toBeGreaterThan(1);
  });
}
