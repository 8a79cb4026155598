import { containsInternal, type Distribution } from '../distributions';
import { createStudy } from '../Study';
import type { Trial } from '../Trial';
import { GridSampler } from './GridSampler';
import { NsgaIiSampler } from './NsgaIiSampler';
import { QmcSampler } from './QmcSampler';
import { RandomSampler } from './RandomSampler';
import type { Sampler } from './Sampler';
import { sobolPoints } from './sobol';
import { TpeSampler } from './TpeSampler';

// A mixed, conditional space: every kind of distribution, and parameters that exist only on one branch.
function objective(t: Trial): number {
  const model = t.suggestCategorical('model', ['linear', 'tree', 'net']);
  const lr = t.suggestFloat('lr', 1e-5, 1, { log: true });
  let v = (Math.log10(lr) + 2) ** 2;
  if (model === 'tree') {
    v += Math.abs(t.suggestInt('depth', 2, 12, { step: 2 }) - 6) + t.suggestFloat('subsample', 0.5, 1, { step: 0.05 });
  } else if (model === 'net') {
    v += Math.abs(Math.log2(t.suggestInt('units', 8, 512, { log: true })) - 6) + t.suggestFloat('dropout', 0, 0.5);
  } else {
    v += t.suggestInt('degree', -3, 3) ** 2;
  }
  return v;
}

const branchParams: Record<string, string[]> = { tree: ['depth', 'subsample'], net: ['units', 'dropout'], linear: ['degree'] };

async function run(sampler: Sampler, nTrials: number) {
  const study = await createStudy({ name: `space-${sampler.name}`, sampler });
  await study.optimize(objective, { nTrials });
  return study.trials();
}

describe.each([
  ['random', () => new RandomSampler({ seed: 1 }), 2000],
  ['qmc', () => new QmcSampler({ seed: 1 }), 2000],
  ['qmc scrambled', () => new QmcSampler({ seed: 1, scramble: true }), 1000],
  ['tpe', () => new TpeSampler({ seed: 1 }), 200],
  ['tpe multivariate', () => new TpeSampler({ seed: 1, multivariate: true }), 150],
  ['tpe multivariate neighbour', () => new TpeSampler({ seed: 1, multivariate: true, multivariateBandwidth: 'neighbour' }), 150],
  ['tpe constant liar', () => new TpeSampler({ seed: 1, constantLiar: true }), 200],
  ['nsga2', () => new NsgaIiSampler({ seed: 1, populationSize: 20 }), 2000],
])('%s sampler', (_name, make, nTrials) => {
  it(`respects bounds, log, step and conditionals over ${nTrials} trials`, async () => {
    const trials = await run(make(), nTrials);
    expect(trials).toHaveLength(nTrials);
    const seen = new Map<string, Set<unknown>>();
    for (const t of trials) {
      expect(t.state).toBe('complete');
      const model = t.params.model as string;
      expect(Object.keys(t.params).sort()).toEqual(['lr', 'model', ...branchParams[model]!].sort());
      for (const [name, value] of Object.entries(t.internalParams)) {
        expect({ name, ok: containsInternal(t.distributions[name] as Distribution, value) }).toEqual({ name, ok: true });
        if (!seen.has(name)) seen.set(name, new Set());
        seen.get(name)!.add(t.params[name]);
      }
      expect(Number.isInteger(t.params.depth ?? 0) && ((t.params.depth as number) ?? 0) % 2 === 0).toBe(true);
    }
    // Every branch is explored and the discrete ranges are covered end to end.
    expect(seen.get('model')!.size).toBe(3);
    expect(seen.get('depth')).toEqual(expect.objectContaining({ size: 6 }));
  });

  it('replays the same trials for the same seed', async () => {
    const a = await run(make(), 40);
    const b = await run(make(), 40);
    expect(a.map((t) => t.params)).toEqual(b.map((t) => t.params));
  });
});

describe('TpeSampler', () => {
  it('beats random search on a quadratic after its 10 startup trials', async () => {
    const best = async (sampler: Sampler) => {
      const study = await createStudy({ name: 'quad', sampler });
      await study.optimize((t) => (t.suggestFloat('x', -10, 10) - 3) ** 2 + (t.suggestFloat('y', -10, 10) + 1) ** 2, { nTrials: 80 });
      return study.bestValue();
    };
    const tpe: number[] = [];
    const random: number[] = [];
    for (let seed = 0; seed < 5; seed++) {
      tpe.push(await best(new TpeSampler({ seed })));
      random.push(await best(new RandomSampler({ seed })));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[2]!;
    expect(median(tpe)).toBeLessThan(median(random));
    expect(median(tpe)).toBeLessThan(0.5);
  });

  it('learns only from the trials that had a conditional parameter', async () => {
    const study = await createStudy({ name: 'cond', sampler: new TpeSampler({ seed: 3 }) });
    await study.optimize((t) => (t.suggestCategorical('use', [true, false]) ? (t.suggestFloat('x', 0, 1) - 0.8) ** 2 : 1), { nTrials: 120 });
    const late = (await study.trials()).slice(60).filter((t) => t.params.use === true);
    expect(late.length).toBeGreaterThan(40);
    const near = late.filter((t) => Math.abs((t.params.x as number) - 0.8) < 0.15).length;
    expect(near / late.length).toBeGreaterThan(0.6);
  });
});

describe('multivariate TpeSampler', () => {
  it('proposes the parameters every finished trial has jointly, the others one by one', async () => {
    const sampler = new TpeSampler({ seed: 5, multivariate: true });
    const study = await createStudy({ name: 'mv', sampler });
    await study.optimize((t) => (t.suggestFloat('x', -5, 5) - 1) ** 2 + (t.suggestFloat('y', -5, 5) + 2) ** 2 + (t.suggestCategorical('on', [true, false]) ? t.suggestFloat('z', 0, 1) : 1), { nTrials: 60 });
    const trials = await study.trials();
    const proposal = sampler.relative({ directions: ['minimize'], trials, trialNumber: 60, rng: { next: () => 0.5 } });
    // `z` is missing from the trials with on = false, so it is not part of the joint space.
    expect(Object.keys(proposal).sort()).toEqual(['on', 'x', 'y']);
    expect(proposal.x!.value).toBeGreaterThanOrEqual(-5);
    expect(proposal.x!.value).toBeLessThanOrEqual(5);
  });
});

describe('GridSampler', () => {
  it('visits every point once in numbering order, then optimize stops', async () => {
    const sampler = new GridSampler({ searchSpace: { b: [1, 2, 3], a: ['x', 'y'] } });
    expect(sampler.size).toBe(6);
    expect([0, 1, 2, 5].map((i) => sampler.point(i))).toEqual([{ a: 'x', b: 1 }, { a: 'x', b: 2 }, { a: 'x', b: 3 }, { a: 'y', b: 3 }]);
    const study = await createStudy({ name: 'grid', sampler });
    await study.optimize((t) => t.suggestInt('b', 1, 3) + (t.suggestCategorical('a', ['x', 'y']) === 'x' ? 0 : 10));
    expect((await study.trials()).map((t) => t.params)).toEqual([0, 1, 2, 3, 4, 5].map((i) => sampler.point(i)));
  });

  it('rejects a grid value outside the suggested range', async () => {
    const study = await createStudy({ name: 'grid-bad', sampler: new GridSampler({ searchSpace: { x: [5] } }) });
    await expect(study.optimize((t) => t.suggestInt('x', 0, 3), { nTrials: 1 })).rejects.toThrow('GridSampler.searchSpace.x: expected values inside the suggested range {"type":"int","low":0,"high":3,"log":false,"step":1}, received 5');
  });
});

describe('Sobol', () => {
  it('starts like every unscrambled Sobol sequence (SciPy’s included)', () => {
    expect(Array.from(sobolPoints(8, 2))).toEqual([0, 0, 0.5, 0.5, 0.75, 0.25, 0.25, 0.75, 0.375, 0.375, 0.875, 0.875, 0.625, 0.125, 0.125, 0.625]);
  });
});
