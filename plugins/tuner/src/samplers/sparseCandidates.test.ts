import { containsInternal, type Distribution } from '../distributions';
import { samplerFromSpec } from '../fromSpec';
import { createRng } from '../rng';
import { createStudy } from '../Study';
import type { Trial } from '../Trial';
import { neighbourSettings } from '../__fixtures__/parzenSettings';
import { ParzenEstimator } from './parzenEstimator';
import type { Sampler } from './Sampler';
import { TpeSampler } from './TpeSampler';

const settings = neighbourSettings;

const float = (low: number, high: number, log = false): Distribution => ({ type: 'float', low, high, log, step: undefined });

// Five parameters, a correlated valley: something for the later trials to refine.
function valley(t: Trial): number {
  const a = t.suggestFloat('a', -3, 3);
  const lr = t.suggestFloat('lr', 1e-4, 1, { log: true });
  const k = t.suggestInt('k', 1, 12);
  const s = t.suggestFloat('s', 0, 1, { step: 0.05 });
  const kind = t.suggestCategorical('kind', ['x', 'y', 'z']);
  return (a - Math.log10(lr) - 2) ** 2 + (k / 12 - s) ** 2 + (kind === 'y' ? 0 : 0.5);
}

async function params(sampler: Sampler, nTrials: number) {
  const study = await createStudy({ name: 'sparse', sampler });
  await study.optimize(valley, { nTrials });
  return study.trials();
}

describe('sparse candidates (multivariate TPE)', () => {
  it('a draw from an observation keeps all but a few of its values: each parameter redrawn with probability 1/d, at least one', () => {
    const names = ['a', 'b', 'c', 'd', 'e'];
    const space = Object.fromEntries(names.map((n, i) => [n, float(0, 1 + i)]));
    const obs = Object.fromEntries(names.map((n, i) => [n, [0.1 * (i + 1), 0.5 * (i + 1), 0.9 * (i + 1)]]));
    const p = new ParzenEstimator(obs, space, settings);
    const size = 8000;
    const draws = p.sample(createRng(3), size, true);
    // Kept values equal the observation's exactly (a redrawn continuous value never does): per draw, the
    // most coordinates any one observation shares with it.
    const shared = Array.from({ length: size }, (_, i) => Math.max(...[0, 1, 2].map((o) => names.filter((n) => draws[n]![i] === obs[n]![o]).length)));
    expect(Math.max(...shared)).toBe(4);
    // Three observations and the prior, weight 1 each: ¾ of draws come from an observation. Redrawn r of
    // 5 with probability C(5,r)·0.2^r·0.8^(5−r), r = 0 becoming r = 1: P(r = 1) = 0.73728, P(r = 2) = 0.2048.
    const share = (k: number) => shared.filter((s) => s === k).length / size;
    expect(Math.abs(share(4) - 0.75 * 0.73728)).toBeLessThan(0.02);
    expect(Math.abs(share(3) - 0.75 * 0.2048)).toBeLessThan(0.015);
    // Without sparse draws no coordinate is an observation's.
    const dense = p.sample(createRng(3), 2000);
    expect(names.some((n) => dense[n]!.some((x) => obs[n]!.includes(x)))).toBe(false);
  });

  it('the default turns them on from 10 finished trials per parameter: trials before that are as with false, later ones differ', async () => {
    // valley() proposes five parameters jointly, so the default starts at 50; a number fixes the start.
    const byDefault = (await params(new TpeSampler({ seed: 5 }), 62)).map((t) => t.params);
    expect((await params(new TpeSampler({ seed: 5, sparseCandidatesFrom: 50 }), 62)).map((t) => t.params)).toEqual(byDefault);
    const off = (await params(new TpeSampler({ seed: 5, sparseCandidatesFrom: false }), 62)).map((t) => t.params);
    expect(off.slice(0, 50)).toEqual(byDefault.slice(0, 50));
    expect(off.slice(50)).not.toEqual(byDefault.slice(50));
    const later = (await params(new TpeSampler({ seed: 5, sparseCandidatesFrom: 56 }), 62)).map((t) => t.params);
    expect(later.slice(0, 56)).toEqual(off.slice(0, 56));
    expect(later.slice(56)).not.toEqual(off.slice(56));
    // Several objectives (MOTPE): off unless asked for, like the rest of Optuna 3.1's defaults there.
    const two = async (sampler: Sampler) => {
      const study = await createStudy({ name: 'sparse2', sampler, directions: ['minimize', 'minimize'] });
      await study.optimize((t) => [valley(t), Number(t.params.a ?? 0)], { nTrials: 40 });
      return (await study.trials()).map((t) => t.params);
    };
    expect(await two(new TpeSampler({ seed: 2, multivariate: true }))).toEqual(await two(new TpeSampler({ seed: 2, multivariate: true, sparseCandidatesFrom: false })));
    expect(await two(new TpeSampler({ seed: 2, multivariate: true }))).not.toEqual(await two(new TpeSampler({ seed: 2, multivariate: true, sparseCandidatesFrom: 20 })));
  });

  it('from their start, no configuration already run is proposed again (ints and choices could bring one back)', async () => {
    // Three parameters, so sparse candidates start at 30; 108 configurations in all.
    const small = (t: Trial) => (t.suggestInt('a', 1, 6) - 4) ** 2 + (t.suggestInt('b', 1, 6) - 2) ** 2 + (t.suggestCategorical('k', ['x', 'y', 'z']) === 'y' ? 0 : 1);
    const repeatsFrom30 = async (sampler: Sampler) => {
      const study = await createStudy({ name: 'repeats', sampler });
      await study.optimize(small, { nTrials: 40 });
      const seen = new Set<string>();
      let repeats = 0;
      for (const t of await study.trials()) {
        const key = JSON.stringify(t.params);
        if (t.number >= 30 && seen.has(key)) repeats++;
        seen.add(key);
      }
      return repeats;
    };
    const seeds = [0, 1, 2, 3];
    for (const seed of seeds) expect(await repeatsFrom30(new TpeSampler({ seed }))).toBe(0);
    // Without them TPE does repeat itself here (as Optuna's does on discrete spaces): the check can fail.
    let without = 0;
    for (const seed of seeds) without += await repeatsFrom30(new TpeSampler({ seed, sparseCandidatesFrom: false }));
    expect(without).toBeGreaterThan(0);
  });

  it('sparse proposals keep to the space: bounds, log, step, int and categorical, over 150 trials', async () => {
    const trials = await params(samplerFromSpec({ kind: 'tpe', seed: 9, sparseCandidatesFrom: 10 }), 150);
    for (const t of trials) {
      for (const [name, dist] of Object.entries(t.distributions)) expect([name, containsInternal(dist, t.internalParams[name]!)]).toEqual([name, true]);
    }
    // The refinement found the valley: the best is far better than the startup's.
    const values = trials.map((t) => t.values![0]!);
    expect(Math.min(...values)).toBeLessThan(Math.min(...values.slice(0, 10)) / 5);
  });

  it('rejects a bad sparseCandidatesFrom with the field, what was expected and what was received', () => {
    for (const bad of [-1, 2.5, '100', true, Number.NaN]) {
      expect(() => new TpeSampler({ sparseCandidatesFrom: bad as never })).toThrow(/TpeSampler: sparseCandidatesFrom: .* is not an integer ≥ 0 or false/);
    }
    expect(() => samplerFromSpec({ kind: 'tpe', sparseCandidatesFrom: 0 })).not.toThrow();
  });
});
