import { greedyHypervolumeSubset, hypervolume, referencePoint } from './hypervolume';
import { createRng } from './rng';
import { createStudy } from './Study';
import { floatDistribution } from './distributions';
import { TpeSampler } from './samplers/TpeSampler';
import { hypervolumeWeights, type Observation } from './samplers/tpeSplit';

// The union of boxes by inclusion–exclusion over every subset: slow, but obviously right.
function bruteForce(points: number[][], ref: number[]): number {
  let total = 0;
  for (let mask = 1; mask < 1 << points.length; mask++) {
    const members = points.filter((_, i) => mask & (1 << i));
    const corner = ref.map((_, k) => Math.max(...members.map((p) => p[k]!)));
    const volume = ref.reduce((v, r, k) => v * Math.max(0, r - corner[k]!), 1);
    total += (members.length % 2 ? 1 : -1) * volume;
  }
  return total;
}

describe('hypervolume', () => {
  it('measures two objectives exactly, ignoring dominated points and points beyond the reference', () => {
    // Boxes to (4, 4): [1,4]×[3,4] ∪ [2,4]×[2,4] ∪ [3,4]×[1,4] = 3 + 2 + 1.
    expect(hypervolume([[1, 3], [2, 2], [3, 1], [3, 3], [5, 0]], [4, 4])).toBe(6);
    expect(hypervolume([], [1, 1])).toBe(0);
  });

  it('equals inclusion–exclusion on random sets of 3 and 4 objectives, duplicates included', () => {
    const rng = createRng(7);
    for (let c = 0; c < 40; c++) {
      const m = c % 2 ? 3 : 4;
      const points = Array.from({ length: 1 + (c % 9) }, () => Array.from({ length: m }, () => Math.round(rng.next() * 8) / 8));
      if (c % 5 === 0) points.push([...points[0]!]);
      const ref = new Array<number>(m).fill(1.2);
      expect(hypervolume(points, ref)).toBeCloseTo(bruteForce(points, ref), 12);
    }
  });

  it('takes Optuna’s reference point: 1.1 × the worst, 0.9 × when negative, 1e-12 for 0', () => {
    expect(referencePoint([[1, -2, 0], [3, -4, 0]])).toEqual([1.1 * 3, 0.9 * -2, 1e-12]);
  });

  it('picks subsets greedily by the hypervolume each adds', () => {
    // From (0,10), (5,5), (10,0), (6,4) against (11, 11): the knee first, then the larger of the ends.
    const points = [[0, 10], [5, 5], [10, 0], [6, 4]];
    const picked = greedyHypervolumeSubset(points, 3, [11, 11]);
    expect(picked[0]).toBe(1);
    // Each later pick adds at least as much as any point left out would have.
    const chosen = picked.map((i) => points[i]!);
    const left = [0, 1, 2, 3].filter((i) => !picked.includes(i));
    for (const i of left) expect(hypervolume(chosen, [11, 11])).toBeGreaterThanOrEqual(hypervolume([...chosen.slice(0, 2), points[i]!], [11, 11]));
  });
});

describe('multi-objective TPE weights', () => {
  const obs = (keys: number[][]): Observation[] => keys.map((key, i) => ({ trial: { number: i } as Observation['trial'], key }));

  it('weighs each good trial by its hypervolume contribution over the largest; dominated and infeasible ones by 1e-12', () => {
    // Reference 1.1 × worst of the feasible ones = (4.4, 4.4); (0,4) alone covers [0,1]×[4,4.4] = 0.4,
    // (4,0) likewise; (1,1) alone covers the L between its box and (2,2)'s, less those two strips.
    const below = obs([[0, 4], [1, 1], [4, 0], [2, 2], [0.5, 3]]);
    const w = hypervolumeWeights(below, (o) => o.trial.number !== 4);
    const middle = 3.4 ** 2 - 2.4 ** 2 - 2 * 0.4;
    expect(w[1]).toBe(1);
    expect(w[0]).toBeCloseTo(0.4 / middle, 9);
    expect(w[2]).toBeCloseTo(0.4 / middle, 9);
    expect(w[3]).toBeLessThan(1e-9); // dominated by (1,1)
    expect(w[4]).toBe(1e-12); // infeasible
    expect(hypervolumeWeights(obs([[3, 3]]), () => true)).toEqual([1]);
  });

  it('with hypervolumeWeights, samples from the front that adds hypervolume, not from dominated good trials', async () => {
    // 10 trials on the front near x = 0.05, 10 dominated ones (still "good": γ = 20) near x = 0.9, 20 bad
    // ones just above the front's x. Weighted alike, l(x) would be as high at 0.9 as at 0.05 and g(x)
    // far lower there, so TPE would propose x ≈ 0.9; by hypervolume, the dominated ones weigh nothing.
    const study = await createStudy({ name: 'motpe', directions: ['minimize', 'minimize'] });
    const tell = async (x: number, values: number[]) => {
      await study.enqueueTrial({ x });
      const t = await study.ask();
      t.suggestFloat('x', 0, 1);
      await study.tell(t, values);
    };
    for (let k = 0; k < 10; k++) await tell(0.01 + 0.01 * k, [k / 10, 1 - k / 10]);
    for (let k = 0; k < 10; k++) await tell(0.86 + 0.01 * k, [k / 10, 2 - k / 10]);
    for (let k = 0; k < 20; k++) await tell(0.12 + 0.01 * k, [5 + k, 5 + k]);
    const trials = await study.trials();
    const dist = floatDistribution('x', 0, 1);
    const proposals = (sampler: TpeSampler) => Array.from({ length: 200 }, (_, seed) => sampler.sample({ directions: study.directions, trials, trial: { number: 40, params: {}, systemAttrs: {} }, setSystemAttr: () => undefined, rng: createRng(seed) }, 'x', dist));
    const weighted = proposals(new TpeSampler({ gamma: () => 20, hypervolumeWeights: true }));
    expect(weighted.filter((x) => x > 0.7).length).toBeLessThan(10);
    expect(weighted.filter((x) => x < 0.2).length).toBeGreaterThan(150);
    // Without hypervolume weights (the default), the dominated good trials count like the others.
    expect(proposals(new TpeSampler({ gamma: () => 20 })).filter((x) => x > 0.7).length).toBeGreaterThan(150);
  });
});
