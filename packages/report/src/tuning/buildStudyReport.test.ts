import { describe, expect, it } from '@jest/globals';
import { sampleStudy, twoObjectiveStudy } from '../__fixtures__/sampleStudy';
import { buildStudyReport } from './buildStudyReport';
import { permutationImportance } from './paramImportance';
import { seededRandom } from './regressionForest';
import { renderStudyReport } from './renderStudyReport';
import { studyReportLimits } from './StudyReportData';

describe('permutationImportance', () => {
  it('gives nearly all importance to the parameter that dominates a synthetic objective', () => {
    const random = seededRandom(3);
    const n = 400;
    const cols = [0, 1, 2, 3].map(() => new Float64Array(n));
    const target = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      for (const c of cols) c[i] = random();
      // a dominates; b adds a tenth of its range; c and d are ignored.
      target[i] = 10 * (cols[0]![i]! - 0.5) ** 2 + 0.1 * cols[1]![i]!;
    }
    const { importances, trees } = permutationImportance({ columns: cols, target }, { trees: 32, seed: 1 });
    expect(trees).toBe(32);
    expect(importances[0]).toBeGreaterThan(0.9);
    expect(importances[1]).toBeGreaterThan(importances[2]!);
    expect(importances[2]! + importances[3]!).toBeLessThan(0.03);
    expect(importances.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('is reproducible for a seed and all zero for a constant objective', () => {
    const cols = [Float64Array.from({ length: 50 }, (_, i) => i % 7), Float64Array.from({ length: 50 }, (_, i) => i % 3)];
    const target = Float64Array.from({ length: 50 }, (_, i) => (i % 7) * 2);
    expect(permutationImportance({ columns: cols, target }, { trees: 8, seed: 5 })).toEqual(permutationImportance({ columns: cols, target }, { trees: 8, seed: 5 }));
    expect(permutationImportance({ columns: cols, target: new Float64Array(50).fill(3) }, { trees: 8, seed: 5 }).importances).toEqual([0, 0]);
  });
});

describe('buildStudyReport', () => {
  const data = buildStudyReport(sampleStudy(700));

  it('leaves infeasible trials (a constraint value > 0) out of the best trial, the best so far and the Pareto front', () => {
    const trials = [
      { number: 0, state: 'complete' as const, values: [3, 1], params: { x: 1 }, constraints: [0] },
      { number: 1, state: 'complete' as const, values: [1, 0], params: { x: 2 }, constraints: [0.5] },
      { number: 2, state: 'complete' as const, values: [2, 2], params: { x: 3 }, constraints: [-1] },
    ];
    const single = buildStudyReport({ name: 'c', directions: ['minimize'], trials });
    expect(single.best).toEqual({ number: 2, value: 2, params: { x: 3 } });
    expect(single.trials.bestSoFar).toEqual([3, 3, 2]);
    expect(buildStudyReport({ name: 'c', directions: ['minimize', 'minimize'], trials }).paretoFront).toEqual([0, 2]);
    expect(single.trials.infeasible).toEqual([1]);
  });

  it('marks infeasible trials in every chart legend when there are some, and says nothing about them otherwise', () => {
    const study = twoObjectiveStudy(60);
    const constrained = { ...study, trials: study.trials.map((t) => ({ ...t, constraints: [(t.params.x as number) - 3] })) };
    const data = buildStudyReport(constrained);
    const bad = constrained.trials.filter((t) => t.constraints[0]! > 0).map((t) => t.number);
    expect(bad.length).toBeGreaterThan(3);
    expect(data.trials.infeasible.map((i) => data.trials.number[i])).toEqual(bad);
    const html = renderStudyReport(data);
    const legends = html.match(/<span class="key infeasible-key">[^]*?<\/span>/g)!;
    // History, parallel coordinates, slices, Pareto front.
    expect(legends.map((l) => l.replace(/<[^>]+>/g, ''))).toEqual([
      `${bad.length} infeasible (a constraint violated): purple crosses, never the best`,
      `${bad.length} infeasible (a constraint violated): purple dashed lines, not ranked`,
      `${bad.length} infeasible (a constraint violated): purple crosses`,
      `${bad.length} infeasible (a constraint violated): purple crosses, never on the front`,
    ]);
    expect(renderStudyReport(buildStudyReport(study))).not.toContain('infeasible-key');
  });

  it('counts states, finds the best trial and keeps the best value so far per trial', () => {
    expect(data.counts).toEqual({ complete: 588, pruned: 98, fail: 13, running: 1, waiting: 0 });
    const v = data.trials.values[0]!;
    const complete = data.trials.number.filter((_, i) => data.trials.state[i] === 'complete').map((_, k) => k);
    expect(complete.length).toBe(588);
    let best = Infinity;
    data.trials.number.forEach((_, i) => {
      if (data.trials.state[i] === 'complete') best = Math.min(best, v[i]!);
      expect(data.trials.bestSoFar[i]).toBe(best === Infinity ? null : best);
    });
    expect(data.best!.value).toBe(best);
    expect(v[data.trials.number.indexOf(data.best!.number)]).toBe(best);
  });

  it('infers axes: log for lr, categorical booster, conditional depth absent where booster is linear', () => {
    const axis = Object.fromEntries(data.params.map((p) => [p.name, p]));
    expect(axis.lr!.log).toBe(true);
    expect(axis.x!.log).toBe(false);
    expect(axis.booster).toMatchObject({ kind: 'categorical', choices: expect.arrayContaining(['gbtree', 'linear']) });
    const depth = data.trials.params[data.params.findIndex((p) => p.name === 'depth')]!;
    const booster = data.trials.params[data.params.findIndex((p) => p.name === 'booster')]!;
    depth.forEach((d, i) => expect(d === null).toBe(axis.booster!.choices![booster[i]!] === 'linear'));
  });

  it('ranks the dominant parameter first and the ignored one last', () => {
    const imp = data.importances!;
    expect(imp.values[0]!.name).toBe('x');
    expect(imp.values[0]!.importance).toBeGreaterThan(0.8);
    expect(imp.values.find((v) => v.name === 'noise')!.importance).toBeLessThan(0.02);
    expect(imp.trials).toBe(588);
  });

  it('leaves the importances out when asked, and everything else unchanged (the dashboard estimates them apart)', () => {
    const { importances, ...rest } = data;
    expect(importances!.values.map((v) => v.name)).toContain('x');
    expect(buildStudyReport({ ...sampleStudy(700), importances: false })).toEqual(rest);
  });

  it('keeps every learning curve of a small study, pruned ones cut where they stopped', () => {
    expect(data.curves.total).toBe(700);
    const pruned = data.curves.shown.find((c) => c.number === 6)!;
    expect(pruned.state).toBe('pruned');
    expect(pruned.steps).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('bounds curves and importance trials of a 10,000-trial study', () => {
    const big = buildStudyReport(sampleStudy(10_000));
    expect(big.curves.total).toBe(10_000);
    expect(big.curves.shown.length).toBe(studyReportLimits.maxCurves);
    expect(big.curves.shown.map((c) => c.number)).toContain(big.best!.number);
    expect(big.importances!.trials).toBe(studyReportLimits.maxImportanceTrials);
    expect(big.importances!.values[0]!.name).toBe('x');
  });

  it('finds the Pareto front of two objectives', () => {
    const two = buildStudyReport(twoObjectiveStudy(300));
    const [a, b] = two.trials.values as [number[], number[]];
    // Brute force: a trial is on the front when no other is at least as good on both and better on one.
    const expected = two.trials.number.filter((_, i) => !a.some((_, k) => a[k]! <= a[i]! && b[k]! <= b[i]! && (a[k]! < a[i]! || b[k]! < b[i]!)));
    expect(two.paretoFront).toEqual(expected);
    expect(expected.length).toBeGreaterThan(50);
    const x = two.trials.params[0]!;
    // Schaffer's Pareto set is x in [0, 2]; sampled fronts stay within a small margin of it.
    for (const num of expected) expect(Math.abs(x[num]! - 1)).toBeLessThan(1.1);
    expect(two.best).toBeUndefined();
  });

  it('renders text safely: a hostile study name is escaped and cannot close the script', () => {
    const html = renderStudyReport(buildStudyReport({ ...sampleStudy(20), name: '</script><img src=x onerror=alert(1)>' }));
    expect(html).toContain('Study &lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html.match(/<\/script>/g)!.length).toBe(1);
    expect(html).not.toMatch(/https?:\/\//);
  });
});
