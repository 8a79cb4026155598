import { createStudy } from '../Study';
import { TunerUsageError } from '../errors';
import type { FrozenTrial } from '../types';
import { TpeSampler } from './TpeSampler';
import { rankWeights, type Observation } from './tpeSplit';

const obs = (values: number[]): Observation[] => values.map((v, i) => ({ trial: { number: i } as FrozenTrial, key: [-Infinity, v] }));

describe("TpeSampler goodWeights: 'rank'", () => {
  it('weighs the good trials by rank, in trial order, summing to their count', () => {
    const w = rankWeights(obs([0.3, 0.1, 0.2]));
    // ranks 2, 0, 1 of m = 3: ln(4/3), ln(4), ln(2), scaled to sum 3
    const raw = [Math.log(4 / 3), Math.log(4), Math.log(2)];
    const total = raw[0]! + raw[1]! + raw[2]!;
    raw.forEach((x, i) => expect(w[i]).toBeCloseTo((3 * x) / total, 12));
    expect(w.reduce((s, x) => s + x, 0)).toBeCloseTo(3, 12);
    expect(rankWeights(obs([5]))).toEqual([1]);
  });

  it('ranks pruned trials (key[0] = −step) after complete ones, ties by trial order', () => {
    const o: Observation[] = [{ trial: { number: 0 } as FrozenTrial, key: [-3, 0.0] }, ...obs([0.5, 0.5]).map((x, i) => ({ ...x, trial: { number: i + 1 } as FrozenTrial }))];
    const w = rankWeights(o);
    expect(w[1]).toBeGreaterThan(w[2]!);
    expect(w[2]).toBeGreaterThan(w[0]!);
  });

  it('draws closer to the best trial than equal weights on the same seeds', async () => {
    // One parameter, optimum at 0.1, one candidate per proposal (so a proposal is a draw from l):
    // after 30 trials the rank-weighted sampler's proposals sit nearer the best trial so far than
    // the equal-weighted one's, summed over 20 seeds.
    let rankDist = 0;
    let equalDist = 0;
    for (let seed = 0; seed < 20; seed++) {
      for (const goodWeights of ['rank', 'equal'] as const) {
        const study = await createStudy({ name: `rank-${seed}-${goodWeights}`, sampler: new TpeSampler({ seed, goodWeights, nStartupTrials: 10, nEiCandidates: 1 }) });
        await study.optimize((t) => Math.abs(t.suggestFloat('x', 0, 1) - 0.1), { nTrials: 40 });
        const trials = await study.trials();
        const best = trials.slice(0, 30).reduce((a, b) => (b.values![0]! < a.values![0]! ? b : a));
        const d = trials.slice(30).reduce((s, t) => s + Math.abs((t.params.x as number) - (best.params.x as number)), 0);
        if (goodWeights === 'rank') rankDist += d;
        else equalDist += d;
      }
    }
    expect(rankDist).toBeLessThan(equalDist);
  });

  it('rejects an unknown value by name', () => {
    // @ts-expect-error not one of the weightings
    expect(() => new TpeSampler({ goodWeights: 'age' })).toThrow(TunerUsageError);
    // @ts-expect-error as above
    expect(() => new TpeSampler({ goodWeights: 'age' })).toThrow('TpeSampler: goodWeights: "age" is not one of equal, rank');
  });
});
