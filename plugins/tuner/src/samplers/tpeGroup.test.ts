import { createStudy } from '../Study';
import type { Trial } from '../Trial';
import { createRng } from '../rng';
import { groupDecomposition } from './groupDecomposition';
import { RandomSampler } from './RandomSampler';
import type { Sampler } from './Sampler';
import { TpeSampler } from './TpeSampler';

// A conditional space: the "valley" branch has two correlated parameters (a valley along a = b,
// optimum 0 at a = b = 1), the "bowl" branch one parameter whose best is 10.
function objective(t: Trial): number {
  if (t.suggestCategorical('branch', ['valley', 'bowl']) === 'valley') {
    const a = t.suggestFloat('a', -4, 4);
    const b = t.suggestFloat('b', -4, 4);
    return 5 * (a - b) ** 2 + (a + b - 2) ** 2 / 2;
  }
  return 10 + (t.suggestFloat('c', 0, 10) - 7) ** 2;
}

async function run(sampler: Sampler, nTrials: number) {
  const study = await createStudy({ name: 'conditional', sampler });
  await study.optimize(objective, { nTrials });
  return study;
}

describe('TPE group decomposition (group: true)', () => {
  it('partitions parameters by the sets they occur in, as Optuna\'s _GroupDecomposedSearchSpace', async () => {
    const study = await run(new RandomSampler({ seed: 1 }), 12);
    const groups = groupDecomposition(await study.trials()).map((g) => Object.keys(g).sort());
    expect(groups.sort()).toEqual([['a', 'b'], ['branch'], ['c']]);
    expect(() => new TpeSampler({ multivariate: false, group: true })).toThrow('TpeSampler: group: needs multivariate: true');
  });

  it('samples each branch jointly: the relative proposal covers a, b and c, which the intersection space leaves out', async () => {
    const history = await (await run(new RandomSampler({ seed: 2 }), 20)).trials();
    const ctx = { directions: ['minimize'] as const, trials: history, trialNumber: 20, rng: createRng(1) };
    expect(Object.keys(new TpeSampler({ seed: 1, multivariate: true, group: true }).relative(ctx)).sort()).toEqual(['a', 'b', 'branch', 'c']);
    expect(Object.keys(new TpeSampler({ seed: 1, multivariate: true }).relative(ctx))).toEqual(['branch']);
  });

  it('finds good values on the conditional space: better than independent TPE, far better than random search', async () => {
    const median = async (make: (seed: number) => Sampler) => {
      const values = [];
      for (const seed of [1, 2, 3, 4, 5]) values.push(await (await run(make(seed), 80)).bestValue());
      return values.sort((x, y) => x - y)[2]!;
    };
    const grouped = await median((seed) => new TpeSampler({ seed, multivariate: true, group: true }));
    const independent = await median((seed) => new TpeSampler({ seed, multivariate: false }));
    const random = await median((seed) => new RandomSampler({ seed }));
    expect(grouped).toBeLessThan(0.15);
    expect(grouped).toBeLessThan(independent);
    expect(grouped).toBeLessThan(random / 10);
  });
});
