import type { MlopsError } from '@mlops/errors';
import { TunerUsageError } from '../errors';
import { samplerFromSpec } from '../fromSpec';
import { createStudy } from '../Study';
import type { Trial } from '../Trial';
import type { Sampler } from './Sampler';
import { defaultGamma, optunaGamma, TpeSampler, type TpeSamplerOptions } from './TpeSampler';

const kinds = ['a', 'b', 'c'];

// A float, a log float, an int and a categorical: a bowl, so TPE has something to fit.
function one(t: Trial): number {
  const x = t.suggestFloat('x', -5, 10);
  const lr = t.suggestFloat('lr', 1e-4, 1, { log: true });
  const k = t.suggestInt('k', 1, 9);
  const kind = t.suggestCategorical('kind', kinds);
  return (x - 1) ** 2 + (Math.log10(lr) + 2) ** 2 + (k - 4) ** 2 / 4 + kinds.indexOf(kind as string);
}

// ZDT1 in two dimensions.
function two(t: Trial): number[] {
  const x = t.suggestFloat('x', 0, 1);
  const y = t.suggestFloat('y', 0, 1);
  return [x, (1 + 9 * y) * (1 - Math.sqrt(x / (1 + 9 * y)))];
}

async function params(sampler: Sampler, objectives: 1 | 2, nTrials = 24) {
  const study = await createStudy({ name: 'defaults', sampler, directions: objectives === 1 ? ['minimize'] : ['minimize', 'minimize'] });
  await study.optimize(objectives === 1 ? one : two, { nTrials });
  return (await study.trials()).map((t) => t.params);
}

// Trials 14–23 of seed 7 under the defaults before session 13 (Optuna 3.1's settings), recorded from
// the build of commit b11814f: the old behaviour must stay reachable by options, trial for trial.
const oldOneObjective = [
  { x: 1.5957918576902093, lr: 0.3652589825040914, k: 6, kind: 'a' },
  { x: 4.10016640602503, lr: 0.9641403782219737, k: 8, kind: 'a' },
  { x: 2.1283884351809568, lr: 0.06961849167207451, k: 6, kind: 'a' },
  { x: 5.253142209696369, lr: 0.0985795786321512, k: 6, kind: 'a' },
  { x: 1.632966139958851, lr: 0.04893142777349301, k: 9, kind: 'a' },
  { x: 6.186470936014414, lr: 0.006851748007316695, k: 6, kind: 'a' },
  { x: -2.5436767409312777, lr: 0.06517281608287241, k: 4, kind: 'a' },
  { x: 1.1885445531901477, lr: 0.3014252768930221, k: 6, kind: 'a' },
  { x: 1.205276579805121, lr: 0.2863413593623092, k: 6, kind: 'a' },
  { x: 2.732426424536163, lr: 0.19567424892081287, k: 8, kind: 'a' },
];
const oldTwoObjectives = [
  { x: 0.16171308241667937, y: 0.0058960747317128945 },
  { x: 0.16754682206612892, y: 0.2928680371324355 },
  { x: 0.16520518033462345, y: 0.037619510983741375 },
  { x: 0.12085552120792123, y: 0.006120504030907725 },
  { x: 0.21885867080083926, y: 0.2801434141754898 },
  { x: 0.11263766896746698, y: 0.14742863889242064 },
  { x: 0.5042617862040424, y: 0.36559895596444675 },
  { x: 0.004138490414447735, y: 0.00891589068245343 },
  { x: 0.12777526193272354, y: 0.08839571196131299 },
  { x: 0.11456043309169384, y: 0.10019933820484872 },
];

/** Optuna 3.1's single-objective settings, the defaults before session 13. */
const optuna31: TpeSamplerOptions = { multivariate: false, nEiCandidates: 24, startup: 'random', startupCentre: false, gammaFactor: 0.1, goodWeights: 'equal' };
/**
 * The setting measured in sessions 12–13 (tpe-quality.mjs) with session 17's centre first, the one-objective
 * default (whose sparse candidates, from 10 finished trials per parameter, start after these tests' 24 trials).
 */
const measured: TpeSamplerOptions = {
  multivariate: true,
  multivariateBandwidth: 'neighbour',
  nEiCandidates: 64,
  nStartupTrials: 10,
  startup: 'lhs',
  startupCentre: true,
  goodWeights: 'rank',
  gamma: (n) => Math.min(Math.ceil(0.07 * n), 25),
};

describe('TpeSampler defaults', () => {
  it('one objective: the default is the measured setting, trial for trial, and replays for a seed', async () => {
    const byDefault = await params(new TpeSampler({ seed: 7 }), 1);
    expect(byDefault).toEqual(await params(new TpeSampler({ seed: 7, ...measured }), 1));
    expect(byDefault).toEqual(await params(new TpeSampler({ seed: 7 }), 1));
    expect(byDefault).not.toEqual(await params(new TpeSampler({ seed: 8 }), 1));
    expect(byDefault.slice(14)).not.toEqual(oldOneObjective);
  });

  it("one objective: Optuna 3.1's settings reproduce the old default exactly, by API and by spec", async () => {
    expect((await params(new TpeSampler({ seed: 7, ...optuna31 }), 1)).slice(14)).toEqual(oldOneObjective);
    expect((await params(new TpeSampler({ seed: 7, ...optuna31, gammaFactor: undefined, gamma: optunaGamma }), 1)).slice(14)).toEqual(oldOneObjective);
    const spec = samplerFromSpec({ kind: 'tpe', seed: 7, multivariate: false, nEiCandidates: 24, startup: 'random', startupCentre: false, gammaFactor: 0.1, goodWeights: 'equal' });
    expect((await params(spec, 1)).slice(14)).toEqual(oldOneObjective);
  });

  it("several objectives (MOTPE): the defaults stay Optuna 3.1's, trial for trial", async () => {
    expect((await params(new TpeSampler({ seed: 7 }), 2)).slice(14)).toEqual(oldTwoObjectives);
    expect((await params(samplerFromSpec({ kind: 'tpe', seed: 7 }), 2)).slice(14)).toEqual(oldTwoObjectives);
  });

  it('the spec { kind: "tpe" } builds the same sampler as new TpeSampler(), and carries every TPE field', async () => {
    expect(await params(samplerFromSpec({ kind: 'tpe', seed: 3 }), 1)).toEqual(await params(new TpeSampler({ seed: 3 }), 1));
    const fields = { nEiCandidates: 12, gammaFactor: 0.2, multivariateBandwidth: 'scott', goodWeights: 'equal', startup: 'sobol', startupCentre: false, sparseCandidatesFrom: 12, nStartupTrials: 8 } as const;
    const bySpec = await params(samplerFromSpec({ kind: 'tpe', seed: 3, ...fields }), 1);
    expect(bySpec).toEqual(await params(new TpeSampler({ seed: 3, ...fields }), 1));
    expect(bySpec).not.toEqual(await params(new TpeSampler({ seed: 3 }), 1));
  });

  it("γ: ⌈0.07 n⌉ capped at 25 by default, Optuna's ⌈0.1 n⌉ as optunaGamma", () => {
    // In floating point, as measured (tpe-quality.mjs's --gamma-factor 0.07): 0.07 · 100 = 7.000000000000001, so 8.
    expect([10, 14, 15, 99, 100, 357, 358, 1000].map(defaultGamma)).toEqual([1, 1, 2, 7, 8, 25, 25, 25]);
    expect([10, 11, 100, 250, 251].map(optunaGamma)).toEqual([1, 2, 10, 25, 25]);
  });

  it('group and an explicit bandwidth need no multivariate option (it is the default); multivariate: false with either fails', () => {
    expect(() => new TpeSampler({ group: true })).not.toThrow();
    expect(() => new TpeSampler({ multivariateBandwidth: 'scott' })).not.toThrow();
    expect(() => new TpeSampler({ multivariate: false, multivariateBandwidth: 'neighbour' })).toThrow('TpeSampler: multivariateBandwidth: needs multivariate: true');
  });

  it('rejects bad spec values with the field, what was expected and what was received', () => {
    const cases: [Record<string, unknown>, string, string, string][] = [
      [{ goodWeights: 'age' }, 'goodWeights', 'equal | rank', 'age'],
      [{ multivariateBandwidth: 'silverman' }, 'multivariateBandwidth', 'scott | neighbour', 'silverman'],
      [{ nEiCandidates: 0 }, 'nEiCandidates', 'an integer ≥ 1', '0'],
      [{ nEiCandidates: 2.5 }, 'nEiCandidates', 'an integer ≥ 1', '2.5'],
      [{ nStartupTrials: -1 }, 'nStartupTrials', 'an integer ≥ 0', '-1'],
      [{ startupCentre: 'yes' }, 'startupCentre', 'a boolean', 'yes'],
      [{ sparseCandidatesFrom: -5 }, 'sparseCandidatesFrom', 'an integer ≥ 0 or false', '-5'],
      [{ gammaFactor: 0 }, 'gammaFactor', 'a number in (0, 1]', '0'],
      [{ gammaFactor: 1.5 }, 'gammaFactor', 'a number in (0, 1]', '1.5'],
      [{ gammaFactor: '0.1' }, 'gammaFactor', 'a number in (0, 1]', '0.1'],
    ];
    for (const [fields, path, expected, received] of cases) {
      let error: unknown;
      try {
        samplerFromSpec({ kind: 'tpe', ...fields } as never);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(TunerUsageError);
      const e = error as MlopsError;
      expect([e.path, e.expected, e.received, e.badInput]).toEqual([path, expected, received, true]);
      expect(e.message).toContain(`TpeSampler: ${path}: `);
    }
    expect(() => new TpeSampler({ gamma: optunaGamma, gammaFactor: 0.1 })).toThrow('TpeSampler: gammaFactor: ');
  });

  it('refuses a field the sampler does not have (a typo would otherwise run the study on the defaults), with a suggestion', () => {
    const refused = (spec: Record<string, unknown>) => {
      try {
        samplerFromSpec(spec as never);
      } catch (e) {
        return e as MlopsError;
      }
      return undefined;
    };
    const typo = refused({ kind: 'tpe', goodWeight: 'rank' });
    expect(typo).toBeInstanceOf(TunerUsageError);
    expect([typo?.path, typo?.received, typo?.badInput]).toEqual(['sampler.goodWeight', 'goodWeight', true]);
    expect(typo?.message).toMatch(/^sampler: "goodWeight" is not a field of a tpe sampler \(did you mean "goodWeights"\?\); its fields: kind, seed, /);
    // A field of another kind is not one of this kind's.
    expect(refused({ kind: 'random', seed: 1, populationSize: 4 })?.path).toBe('sampler.populationSize');
    expect(refused({ kind: 'nsga2', seed: 1, populationSize: 4 })).toBeUndefined();
  });
});
