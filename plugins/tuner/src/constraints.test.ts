import { describeWithService, postgresTestUrl, tcpTargetOfUrl } from '@mlops/testkit';
import { memorySubject, postgresSubject, sqliteSubject, type StorageSubject } from './__fixtures__/storageSubjects';
import { constrainedRanks, violationOf } from './constraints';
import { openSqlTunerStorage } from './storage/openSqlTunerStorage';
import { NsgaIiSampler, eliteSelection } from './samplers/NsgaIiSampler';
import { TpeSampler, type TpeSamplerOptions } from './samplers/TpeSampler';
import { observationsOf, splitObservations } from './samplers/tpeSplit';
import { createStudy, loadStudy } from './Study';
import { emptyTrial } from './storage/trialRecords';
import type { FrozenTrial } from './types';

// x² on [−4, 4] subject to x ≥ 1.5: the unconstrained optimum 0 is infeasible, the feasible one is 2.25 at x = 1.5.
const square = (t: { suggestFloat(n: string, lo: number, hi: number): number }) => t.suggestFloat('x', -4, 4) ** 2;
const atLeast = (t: FrozenTrial) => [1.5 - (t.params.x as number)];

function trialWith(number: number, values: number[], constraints?: number[]): FrozenTrial {
  const t = emptyTrial(number + 1, number, 'complete');
  t.values = values;
  if (constraints) t.systemAttrs.constraints = constraints;
  return t;
}

describe('constraints', () => {
  it('TPE prefers feasible trials: after the startup it samples mostly where x ≥ 1.5, unconstrained TPE mostly where it is not', async () => {
    // Optuna 3.1's settings (the defaults before session 13), whose constrained split this follows; the defaults below.
    const feasibleShare = async (constrained: boolean, options: TpeSamplerOptions = { multivariate: false, nEiCandidates: 24, startup: 'random', gammaFactor: 0.1, goodWeights: 'equal' }) => {
      const study = await createStudy({ name: 'c', sampler: new TpeSampler({ seed: 5, ...options }), constraints: constrained ? atLeast : undefined });
      await study.optimize(square, { nTrials: 50 });
      const late = (await study.trials()).slice(20);
      return { study, share: late.filter((t) => (t.params.x as number) >= 1.5).length / late.length };
    };
    const withConstraints = await feasibleShare(true);
    const without = await feasibleShare(false);
    expect(withConstraints.share).toBeGreaterThan(0.5);
    expect(without.share).toBeLessThan(0.2);
    // The best trial is the best feasible one, although infeasible trials have smaller values.
    const trials = await withConstraints.study.trials(['complete']);
    const feasible = trials.filter((t) => t.systemAttrs.constraints && (t.systemAttrs.constraints as number[])[0]! <= 0);
    expect(trials.some((t) => t.values![0]! < Math.min(...feasible.map((f) => f.values![0]!)))).toBe(true);
    expect(await withConstraints.study.bestValue()).toBe(Math.min(...feasible.map((t) => t.values![0]!)));
    expect(await withConstraints.study.bestValue()).toBeLessThan(2.5);
    // The defaults (x ≥ 1.5 is 31 % of the range): half the late trials feasible with constraints, under a fifth without.
    expect((await feasibleShare(true, {})).share).toBeGreaterThanOrEqual(0.5);
    expect((await feasibleShare(false, {})).share).toBeLessThan(0.2);
  });

  it('splits feasible trials first: by value among the feasible, else the least violating fill "below" (Optuna 3.1)', () => {
    const obs = observationsOf([trialWith(0, [1], [0]), trialWith(1, [0], [2]), trialWith(2, [3], [-1]), trialWith(3, [-5], [0.5]), trialWith(4, [2], [0])], ['minimize']);
    const violations = obs.map((o) => violationOf(o.trial));
    expect(violations).toEqual([0, 2, 0, 0.5, 0]);
    const numbers = (s: { below: { trial: FrozenTrial }[]; above: { trial: FrozenTrial }[] }) => [s.below.map((o) => o.trial.number), s.above.map((o) => o.trial.number)];
    expect(numbers(splitObservations(obs, 2, 1, violations))).toEqual([[0, 4], [1, 2, 3]]);
    // Four below: three feasible, then the smaller violation (trial 3, 0.5) before trial 1 (2).
    expect(numbers(splitObservations(obs, 4, 1, violations))).toEqual([[0, 2, 3, 4], [1]]);
    expect(numbers(splitObservations(obs, 2, 1))).toEqual([[1, 3], [0, 2, 4]]);
  });

  it('NSGA-II ranks by constrained domination: feasible fronts first, then infeasible by total violation', () => {
    const trials = [trialWith(0, [1, 1], [0]), trialWith(1, [0, 0], [3]), trialWith(2, [2, 0], [-1, -2]), trialWith(3, [2, 2], [0]), trialWith(4, [0, 5], [1, 2]), trialWith(5, [9, 9], [1, 0.5])];
    expect(constrainedRanks(trials, trials.map((t) => t.values!))).toEqual([0, 3, 0, 1, 3, 2]);
    expect(eliteSelection(trials, ['minimize', 'minimize'], 3, true).map((r) => r.trial.number).sort()).toEqual([0, 2, 3]);
    // Without constraints the infeasible (0, 0) dominates everything.
    expect(eliteSelection(trials, ['minimize', 'minimize'], 1).map((r) => r.trial.number)).toEqual([1]);
  });

  it('NSGA-II with constraints: the Pareto front holds only feasible trials and later generations are mostly feasible', async () => {
    const study = await createStudy({ name: 'mo', directions: ['minimize', 'minimize'], sampler: new NsgaIiSampler({ seed: 4, populationSize: 10 }), constraints: (t) => [0.5 - (t.params.x as number)] });
    await study.optimize((t) => {
      const x = t.suggestFloat('x', -3, 3);
      t.suggestFloat('noise', 0, 1);
      return [x * x, (x - 2) ** 2];
    }, { nTrials: 60 });
    const front = await study.bestTrials();
    expect(front.length).toBeGreaterThan(3);
    expect(front.every((t) => (t.params.x as number) >= 0.5)).toBe(true);
    const late = (await study.trials()).slice(40);
    expect(late.filter((t) => (t.params.x as number) >= 0.5).length).toBeGreaterThan(late.length * 0.6);
  });

  it('fails a trial whose constraints throw or return NaN, naming what came back', async () => {
    const study = await createStudy({ name: 'bad', constraints: (t) => ((t.params.x as number) > 0 ? [NaN] : [0]) });
    const trial = await study.ask();
    trial.suggestFloat('x', 1, 2);
    expect(await study.tell(trial, 1)).toBe('fail');
    expect((await study.trials())[0]!.error).toBe(`constraints: constraints of trial 0: expected an array of numbers (not NaN), received [null]`);
    const infeasible = await createStudy({ name: 'none', constraints: () => [1] });
    await infeasible.optimize(square, { nTrials: 2 });
    await expect(infeasible.bestTrial()).rejects.toThrow('study "none" has no complete feasible trial yet');
  });
});

// Constraint values persist with each trial, and another process's storage reads them back.
function persisted(label: string, factory: () => Promise<StorageSubject>) {
  it(`${label}: stores each trial's constraint values; the best trial is the best feasible one`, async () => {
    const subject = await factory();
    try {
      const name = `constrained-${process.pid}-${label.length}`;
      const study = await createStudy({ name, storage: subject.storage, constraints: atLeast });
      for (const x of [0, 2, 3, 1]) await study.enqueueTrial({ x });
      await study.optimize(square, { nTrials: 4 });
      const other = subject.description ? openSqlTunerStorage(subject.description) : subject.storage;
      try {
        const trials = await (await loadStudy({ name, storage: other })).trials();
        expect(trials.map((t) => t.systemAttrs.constraints)).toEqual([[1.5], [-0.5], [-1.5], [0.5]]);
        const reread = await loadStudy({ name, storage: other });
        expect((await reread.bestTrial()).params.x).toBe(2);
      } finally {
        if (other !== subject.storage) await other.close();
      }
    } finally {
      await subject.cleanup();
    }
  });
}

describe('constraints in storage', () => {
  persisted('in memory', memorySubject);
  persisted('SQLite', sqliteSubject);
});
describeWithService('postgres', tcpTargetOfUrl(postgresTestUrl(), 5432), () => {
  persisted('Postgres', postgresSubject);
});
