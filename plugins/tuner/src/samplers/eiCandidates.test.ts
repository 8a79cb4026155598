import type { MlopsError } from '@mlops/errors';
import { TunerUsageError } from '../errors';
import { samplerFromSpec } from '../fromSpec';
import { createStudy } from '../Study';
import type { Trial } from '../Trial';
import { ParzenEstimator } from './parzenEstimator';
import type { Sampler } from './Sampler';
import { eiCandidatesOf, TpeSampler, type TpeSamplerOptions } from './TpeSampler';

// A float, a log float and an int: a bowl.
function bowl(t: Trial): number {
  const x = t.suggestFloat('x', -5, 10);
  const lr = t.suggestFloat('lr', 1e-4, 1, { log: true });
  const k = t.suggestInt('k', 1, 9);
  return (x - 1) ** 2 + (Math.log10(lr) + 2) ** 2 + (k - 4) ** 2 / 4;
}

async function run(sampler: Sampler, nTrials: number) {
  const study = await createStudy({ name: 'candidates', sampler });
  await study.optimize(bowl, { nTrials });
  return (await study.trials()).map((t) => t.params);
}

/** The sizes of the draws from l(x), in call order, while `sampler` runs `nTrials` trials. */
async function drawSizes(sampler: Sampler, nTrials: number): Promise<number[]> {
  const spy = jest.spyOn(ParzenEstimator.prototype, 'sample');
  try {
    await run(sampler, nTrials);
    return spy.mock.calls.map(([, size]) => size);
  } finally {
    spy.mockRestore();
  }
}

describe('TpeSampler nEiCandidates schedule', () => {
  const steps = [
    { from: 0, count: 5 },
    { from: 15, count: 40 },
    { from: 20, count: 7 },
  ];

  it('draws the count of the step for the number of finished trials, per trial (multivariate) and per parameter (univariate)', async () => {
    // Multivariate: one joint draw per model trial; trial n has n finished trials before it.
    const expected = [...new Array<number>(5).fill(5), ...new Array<number>(5).fill(40), ...new Array<number>(4).fill(7)];
    expect(await drawSizes(new TpeSampler({ seed: 1, nStartupTrials: 10, nEiCandidates: steps }), 24)).toEqual(expected);
    // Univariate: one draw per parameter (three) of each model trial.
    expect(await drawSizes(new TpeSampler({ seed: 1, nStartupTrials: 10, multivariate: false, nEiCandidates: steps }), 24)).toEqual(expected.flatMap((n) => [n, n, n]));
    // A function of n is the same schedule.
    const fn = (n: number) => (n < 15 ? 5 : n < 20 ? 40 : 7);
    expect(await drawSizes(new TpeSampler({ seed: 1, nStartupTrials: 10, nEiCandidates: fn }), 24)).toEqual(expected);
    // Several objectives follow it too.
    const study = await createStudy({ name: 'mo', sampler: new TpeSampler({ seed: 1, nStartupTrials: 10, nEiCandidates: steps }), directions: ['minimize', 'minimize'] });
    const spy = jest.spyOn(ParzenEstimator.prototype, 'sample');
    try {
      await study.optimize((t) => [t.suggestFloat('x', 0, 1), t.suggestFloat('y', 0, 1)], { nTrials: 24 });
      expect(spy.mock.calls.map(([, size]) => size)).toEqual(expected.flatMap((n) => [n, n]));
    } finally {
      spy.mockRestore();
    }
  });

  it('leaves the trials before a step exactly as with the earlier count; the function and step forms and the spec agree', async () => {
    const constant = await run(new TpeSampler({ seed: 4, nEiCandidates: 64 }), 40);
    const scheduled = await run(new TpeSampler({ seed: 4, nEiCandidates: [{ from: 0, count: 64 }, { from: 30, count: 256 }] }), 40);
    expect(scheduled.slice(0, 30)).toEqual(constant.slice(0, 30));
    expect(scheduled.slice(30)).not.toEqual(constant.slice(30));
    expect(await run(new TpeSampler({ seed: 4, nEiCandidates: (n) => (n < 30 ? 64 : 256) }), 40)).toEqual(scheduled);
    expect(await run(samplerFromSpec({ kind: 'tpe', seed: 4, nEiCandidates: [{ from: 0, count: 64 }, { from: 30, count: 256 }] }), 40)).toEqual(scheduled);
    // One step is the constant count; a number is the default's form.
    expect(await run(new TpeSampler({ seed: 4, nEiCandidates: [{ from: 0, count: 64 }] }), 40)).toEqual(constant);
    expect(await run(new TpeSampler({ seed: 4 }), 40)).toEqual(constant);
  });

  it('maps n to the last step whose from is at most n', () => {
    const never = (why: string): never => {
      throw new Error(why);
    };
    const f = eiCandidatesOf(steps, never);
    expect([0, 14, 15, 19, 20, 1000].map(f)).toEqual([5, 5, 40, 40, 7, 7]);
    expect(eiCandidatesOf(24, never)(99)).toBe(24);
  });

  it('rejects malformed schedules with the field, what was expected and why', () => {
    const cases: [unknown, string][] = [
      [[], '[] is not an integer ≥ 1, a function or a non-empty list of steps { from, count }'],
      [[{ from: 5, count: 64 }], 'step 0 ({"from":5,"count":64}): the first step must be from 0'],
      [[{ from: 0, count: 64 }, { from: 30, count: 0 }], 'step 1 ({"from":30,"count":0}): count is not an integer ≥ 1'],
      [[{ from: 0, count: 64 }, { from: 30, count: 2.5 }], 'step 1 ({"from":30,"count":2.5}): count is not an integer ≥ 1'],
      [[{ from: 0, count: 64 }, { from: -1, count: 8 }], 'step 1 ({"from":-1,"count":8}): from is not an integer ≥ 0'],
      [[{ from: 0, count: 64 }, { from: 30, count: 8 }, { from: 30, count: 9 }], "step 2 ({\"from\":30,\"count\":9}): from must be greater than the previous step's"],
      [[{ from: 0, count: 64, after: 3 }], 'step 0 ({"from":0,"count":64,"after":3}) has after; a step has only from and count'],
      [[64, 128], 'step 0 (64) is not { from, count }'],
      ['64', '"64" is not an integer ≥ 1, a function or a non-empty list of steps { from, count }'],
    ];
    for (const [value, why] of cases) {
      let error: unknown;
      try {
        samplerFromSpec({ kind: 'tpe', nEiCandidates: value } as never);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(TunerUsageError);
      const e = error as MlopsError;
      expect([e.path, e.expected, e.badInput]).toEqual(['nEiCandidates', 'an integer ≥ 1', true]);
      expect(e.message).toBe(`TpeSampler: nEiCandidates: ${why}`);
    }
  });

  it('a function giving no valid count fails the proposal with a usage error naming n', async () => {
    const options: TpeSamplerOptions = { seed: 2, nStartupTrials: 3, nEiCandidates: (n) => (n < 5 ? 8 : 0) };
    const sampler = new TpeSampler(options);
    const study = await createStudy({ name: 'bad', sampler });
    await expect(study.optimize(bowl, { nTrials: 8 })).rejects.toThrow('TpeSampler: nEiCandidates: the function gave 0 for n = 5 finished trials, not an integer ≥ 1');
  });
});
