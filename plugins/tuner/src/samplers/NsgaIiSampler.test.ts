import { createStudy } from '../Study';
import { InMemoryStorage } from '../storage/InMemoryStorage';
import { crowdingDistance, eliteSelection, NsgaIiSampler } from './NsgaIiSampler';
import { RandomSampler } from './RandomSampler';
import type { Sampler } from './Sampler';
import { TpeSampler } from './TpeSampler';
import { observationsOf, splitObservations } from './tpeSplit';
import type { FrozenTrial } from '../types';

// Schaffer's problem N.1 on [−10, 10]: f1 = x², f2 = (x − 2)²; the Pareto set is x ∈ [0, 2].
// A second, irrelevant parameter keeps the crossover honest.
const schaffer = (t: { suggestFloat(n: string, lo: number, hi: number): number }) => {
  const x = t.suggestFloat('x', -10, 10);
  t.suggestFloat('noise', 0, 1);
  return [x * x, (x - 2) ** 2];
};

async function front(sampler: Sampler, nTrials: number) {
  const study = await createStudy({ name: 'schaffer', directions: ['minimize', 'minimize'], sampler });
  await study.optimize(schaffer, { nTrials, concurrency: 1 });
  return { study, front: await study.bestTrials(), trials: await study.trials() };
}

describe('NsgaIiSampler', () => {
  it('converges on the Pareto set: later generations sit in x ∈ [0, 2] far more often than random draws', async () => {
    const nsga = await front(new NsgaIiSampler({ seed: 3, populationSize: 20 }), 200);
    const random = await front(new RandomSampler({ seed: 3 }), 200);
    const inSet = (ts: FrozenTrial[]) => ts.filter((t) => (t.params.x as number) >= 0 && (t.params.x as number) <= 2).length / ts.length;
    // The last two generations; random search lands in the set 10 % of the time. Each parameter
    // mutates with probability 1/2 here (two parameters), so about half the children keep a parent's x.
    expect(inSet(nsga.trials.slice(160))).toBeGreaterThan(0.4);
    expect(inSet(random.trials.slice(160))).toBeLessThan(0.25);
    // The front is dense and almost all inside the Pareto set (a point just outside it stays on the
    // front only while nothing between it and the set's end was tried).
    expect(nsga.front.length).toBeGreaterThan(10);
    expect(inSet(nsga.front)).toBeGreaterThan(0.8);
  });

  it('replays a study for the same seed, and generation 0 is random', async () => {
    const a = await front(new NsgaIiSampler({ seed: 9, populationSize: 10 }), 40);
    const b = await front(new NsgaIiSampler({ seed: 9, populationSize: 10 }), 40);
    expect(a.trials.map((t) => t.params)).toEqual(b.trials.map((t) => t.params));
    const sampler = new NsgaIiSampler({ seed: 9, populationSize: 10 });
    expect(sampler.relative({ directions: ['minimize', 'minimize'], trials: a.trials.slice(0, 5), trialNumber: 5, rng: { next: () => 0.5 } })).toEqual({});
  });

  it('children take their parents’ values (crossover without mutation)', async () => {
    const { trials } = await front(new NsgaIiSampler({ seed: 2, populationSize: 10, mutationProb: 0 }), 30);
    const parents = new Set(trials.slice(0, 10).map((t) => t.params.x));
    // Generation 1 only recombines generation 0's values.
    for (const t of trials.slice(10, 20)) expect(parents.has(t.params.x)).toBe(true);
  });

  it('selects whole fronts, then the most spread-out points of the last one', () => {
    const t = (number: number, values: number[]) => ({ number, values, state: 'complete' }) as unknown as FrozenTrial;
    const trials = [t(0, [0, 4]), t(1, [1, 1]), t(2, [4, 0]), t(3, [1, 3]), t(4, [3, 1]), t(5, [2, 2]), t(6, [5, 5])];
    expect(eliteSelection(trials, ['minimize', 'minimize'], 4).map((r) => r.trial.number)).toEqual([0, 1, 2, 3]);
    expect(crowdingDistance([[0, 4], [1, 1], [4, 0]])).toEqual([Infinity, 2, Infinity]);
    expect(crowdingDistance([[0, 4], [4, 0]])).toEqual([Infinity, Infinity]);
    // Optuna's edge cases: one point, or an objective where every point is equal, adds nothing.
    expect(crowdingDistance([[1, 2]])).toEqual([0]);
    expect(crowdingDistance([[1, 0], [1, 1], [1, 3]])).toEqual([Infinity, 1, Infinity]);
    expect(crowdingDistance([[0, 4], [1, 3], [2, 2], [4, 0]])).toEqual([Infinity, 1, 1.5, Infinity]);
  });

  it('rejects bad options by name', () => {
    expect(() => new NsgaIiSampler({ populationSize: 1 })).toThrow('NsgaIiSampler: populationSize: expected an integer ≥ 2, received 1');
    expect(() => new NsgaIiSampler({ crossoverProb: 2 })).toThrow('NsgaIiSampler: crossoverProb: expected a number in [0, 1], received 2');
  });
});

describe('TpeSampler constant liar', () => {
  it('counts a trial running elsewhere (with params) among the bad ones, never in the startup count', async () => {
    const storage = new InMemoryStorage();
    const study = await createStudy({ name: 'liar', storage, sampler: new TpeSampler({ seed: 4, constantLiar: true }) });
    await study.optimize((t) => (t.suggestFloat('x', 0, 10) - 3) ** 2, { nTrials: 12 });
    const first = await study.ask();
    first.suggestFloat('x', 0, 10);
    await first.flush();
    await study.ask(); // running, no params yet: nothing to lie about
    const history = await storage.getTrials((await storage.findStudy('liar'))!.id);
    expect(history.map((t) => t.state).slice(-2)).toEqual(['running', 'running']);
    const honest = observationsOf(history, ['minimize']);
    const lying = observationsOf(history, ['minimize'], true);
    expect(honest.map((o) => o.trial.number)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(lying.map((o) => o.trial.number)).toEqual([...honest.map((o) => o.trial.number), first.number]);
    const split = splitObservations(lying, 2, 1);
    expect(split.above.map((o) => o.trial.number)).toContain(first.number);
    // The lie ranks after pruned trials too (Optuna's (inf, inf)): even a "below" of all finished trials leaves it out.
    expect(lying.at(-1)!.key).toEqual([Infinity, Infinity]);
    expect(splitObservations(lying, 12, 1).above.map((o) => o.trial.number)).toEqual([first.number]);
    // Twelve finished trials, 13 with the lie: a startup of 13 still samples at random (uniform draw).
    const ctx = { directions: ['minimize' as const], trials: history, trial: { number: 14, params: {}, systemAttrs: {} }, rng: { next: () => 0.25 }, setSystemAttr: () => undefined };
    expect(new TpeSampler({ seed: 4, nStartupTrials: 13, startup: 'random', constantLiar: true }).sample(ctx, 'x', history[0]!.distributions.x!)).toBe(2.5);
    expect(new TpeSampler({ seed: 4, nStartupTrials: 12, startup: 'random', constantLiar: true }).sample(ctx, 'x', history[0]!.distributions.x!)).not.toBe(2.5);
  });
});
