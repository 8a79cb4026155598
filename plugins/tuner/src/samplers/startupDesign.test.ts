import { TunerUsageError } from '../errors';
import { samplerFromSpec } from '../fromSpec';
import { createStudy } from '../Study';
import type { Trial } from '../Trial';
import type { FrozenTrial } from '../types';
import type { Sampler } from './Sampler';
import { latinHypercubeUnit, owenSobolUnit } from './startupDesign';
import { TpeSampler } from './TpeSampler';

const kinds = ['a', 'b', 'c', 'd', 'e'];

// A float, a log float and a categorical; the value is a bowl so TPE has something to fit after the startup.
function objective(t: Trial): number {
  const x = t.suggestFloat('x', -5, 10);
  const lr = t.suggestFloat('lr', 1e-4, 1, { log: true });
  const kind = t.suggestCategorical('kind', kinds);
  return (x - 1) ** 2 + (Math.log10(lr) + 2) ** 2 + kinds.indexOf(kind as string);
}

async function run(sampler: Sampler, nTrials: number): Promise<FrozenTrial[]> {
  const study = await createStudy({ name: 'startup', sampler });
  await study.optimize(objective, { nTrials });
  return study.trials();
}

// Position of each parameter's value in its range, in [0, 1] (log space for the log range).
const unit = (t: FrozenTrial) => [(Number(t.params.x) - -5) / 15, (Math.log(Number(t.params.lr)) - Math.log(1e-4)) / (Math.log(1) - Math.log(1e-4))];
const slices = (values: number[], n: number) => values.map((u) => Math.min(n - 1, Math.floor(u * n))).sort((a, b) => a - b);
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
// The centre of objective()'s space: x the midpoint of [−5, 10], lr the geometric one of [1e-4, 1] (up
// to rounding in log space), kind choice ⌊5/2⌋ of five.
const isCentre = (p: FrozenTrial['params']) => p.x === 2.5 && Math.abs(Number(p.lr) / 1e-2 - 1) < 1e-12 && p.kind === 'c';

describe('TPE startup designs', () => {
  it("'lhs': each parameter's startup values fall one in each tenth of its range (log space for log), categorical choices evenly", async () => {
    for (const seed of [0, 1, 2, 3]) {
      const trials = await run(new TpeSampler({ seed, startup: 'lhs', startupCentre: false }), 10);
      const units = trials.map(unit);
      expect(slices(units.map((u) => u[0]!), 10)).toEqual(range(10));
      expect(slices(units.map((u) => u[1]!), 10)).toEqual(range(10));
      // Ten slices onto five choices: each choice exactly twice.
      const counts = kinds.map((k) => trials.filter((t) => t.params.kind === k).length);
      expect(counts).toEqual([2, 2, 2, 2, 2]);
    }
  });

  it('the centre first (the default with one objective): trial 0 is the middle of every range, the design fills the other nStartupTrials − 1', async () => {
    for (const seed of [0, 1, 2]) {
      const trials = await run(new TpeSampler({ seed }), 10);
      expect(isCentre(trials[0]!.params)).toBe(true);
      expect(trials.slice(1).some((t) => isCentre(t.params))).toBe(false);
      // Trials 1–9 are a 9-point Latin hypercube: one per ninth of each range.
      const units = trials.slice(1).map(unit);
      expect(slices(units.map((u) => u[0]!), 9)).toEqual(range(9));
      expect(slices(units.map((u) => u[1]!), 9)).toEqual(range(9));
    }
    // With Sobol the design's point 0 goes to trial 1: trials 1–8 are the 8-point net, as trials 0–7 without the centre.
    const sobol = await run(new TpeSampler({ seed: 2, startup: 'sobol', nStartupTrials: 9 }), 9);
    expect(isCentre(sobol[0]!.params)).toBe(true);
    const units = sobol.slice(1).map(unit);
    expect(slices(units.map((u) => u[0]!), 8)).toEqual(range(8));
    expect(slices(units.map((u) => u[1]!), 8)).toEqual(range(8));
    // Step, int and log-int ranges: the grid point nearest the midpoint; off by option and with several objectives.
    const gridded = await createStudy({ name: 'centre-grid', sampler: new TpeSampler({ seed: 1 }) });
    await gridded.optimize((t) => t.suggestFloat('s', 0, 1, { step: 0.1 }) + t.suggestInt('depth', 1, 8) + t.suggestInt('n', 1, 1000, { log: true }) + (t.suggestCategorical('flag', [false, true]) ? 1 : 0), { nTrials: 1 });
    expect((await gridded.trials())[0]!.params).toEqual({ s: 0.5, depth: 5, n: 32, flag: true });
    expect(isCentre((await run(new TpeSampler({ seed: 0, startupCentre: false }), 1))[0]!.params)).toBe(false);
    const two = await createStudy({ name: 'centre-mo', sampler: new TpeSampler({ seed: 0 }), directions: ['minimize', 'minimize'] });
    await two.optimize((t) => [objective(t), -objective(t)], { nTrials: 1 });
    expect(isCentre((await two.trials())[0]!.params)).toBe(false);
    expect(() => new TpeSampler({ startupCentre: 1 as never })).toThrow(TunerUsageError);
  });

  it("'lhs' and 'sobol' are deterministic for a seed and differ between seeds; the startup ends after nStartupTrials", async () => {
    for (const startup of ['lhs', 'sobol'] as const) {
      const a = (await run(new TpeSampler({ seed: 5, startup, nStartupTrials: 8 }), 20)).map((t) => t.params);
      const b = (await run(new TpeSampler({ seed: 5, startup, nStartupTrials: 8 }), 20)).map((t) => t.params);
      const c = (await run(new TpeSampler({ seed: 6, startup, nStartupTrials: 8 }), 20)).map((t) => t.params);
      expect(b).toEqual(a);
      expect(c.slice(0, 8)).not.toEqual(a.slice(0, 8));
      // Trials 8.. are TPE's proposals, fitted to the design's 8: they keep to the range too.
      for (const p of a) expect(Number(p.x) >= -5 && Number(p.x) <= 10 && Number(p.lr) >= 1e-4 && Number(p.lr) <= 1).toBe(true);
    }
  });

  it("'sobol': 8 startup trials are one per eighth in every parameter and a (0, 3, 2)-net in the first two", async () => {
    for (const seed of [0, 1, 2, 3]) {
      const trials = await run(new TpeSampler({ seed, startup: 'sobol', nStartupTrials: 8, startupCentre: false }), 8);
      const units = trials.map(unit);
      expect(slices(units.map((u) => u[0]!), 8)).toEqual(range(8));
      expect(slices(units.map((u) => u[1]!), 8)).toEqual(range(8));
      // Every box of area 1/8 with sides 1/2^a × 1/2^b (a + b = 3) holds exactly one point.
      for (const [a, b] of [[3, 0], [2, 1], [1, 2], [0, 3]]) {
        const boxes = new Set(units.map(([u, v]) => `${Math.floor(u! * 2 ** a!)},${Math.floor(v! * 2 ** b!)}`));
        expect(boxes.size).toBe(8);
      }
    }
  });

  it("the default is 'lhs' with one objective ('random', Optuna's, with several): the same trials as startup: 'lhs', not random ones", async () => {
    const startupOf = async (sampler: Sampler) => (await run(sampler, 10)).map((t) => t.params);
    const byDefault = await startupOf(new TpeSampler({ seed: 3 }));
    expect(await startupOf(new TpeSampler({ seed: 3, startup: 'lhs' }))).toEqual(byDefault);
    expect(await startupOf(new TpeSampler({ seed: 3, startup: 'random' }))).not.toEqual(byDefault);
    const twoObjectives = async (sampler: Sampler) => {
      const study = await createStudy({ name: 'startup2', sampler, directions: ['minimize', 'minimize'] });
      await study.optimize((t) => [objective(t), -objective(t)], { nTrials: 10 });
      return (await study.trials()).map((t) => t.params);
    };
    const byDefault2 = await twoObjectives(new TpeSampler({ seed: 3 }));
    expect(await twoObjectives(new TpeSampler({ seed: 3, startup: 'random' }))).toEqual(byDefault2);
    expect(await twoObjectives(new TpeSampler({ seed: 3, startup: 'lhs' }))).not.toEqual(byDefault2);
  });

  it('a startup design through the sampler spec, and a clear error for an unknown one', async () => {
    const trials = await run(samplerFromSpec({ kind: 'tpe', seed: 4, startup: 'lhs', startupCentre: false }), 10);
    expect(slices(trials.map((t) => unit(t)[0]!), 10)).toEqual(range(10));
    const centred = await run(samplerFromSpec({ kind: 'tpe', seed: 4, startup: 'lhs', startupCentre: true }), 10);
    expect(isCentre(centred[0]!.params)).toBe(true);
    expect(() => samplerFromSpec({ kind: 'tpe', startupCentre: 'yes' as never })).toThrow(/startupCentre: "yes" is not a boolean/);
    expect(() => new TpeSampler({ startup: 'grid' as never })).toThrow(TunerUsageError);
    expect(() => new TpeSampler({ startup: 'grid' as never })).toThrow(/startup: "grid" is not one of random, lhs, sobol/);
  });

  it('latinHypercubeUnit: every block of trial numbers is its own Latin hypercube; sizes are checked', () => {
    for (const block of [0, 1, 7]) {
      const us = range(6).map((i) => latinHypercubeUnit(9, block * 6 + i, 'p', 6, 0.999));
      expect(slices(us, 6)).toEqual(range(6));
    }
    // Another parameter name pairs the slices differently.
    const p = range(12).map((i) => Math.floor(latinHypercubeUnit(9, i, 'p', 12, 0) * 12));
    const q = range(12).map((i) => Math.floor(latinHypercubeUnit(9, i, 'q', 12, 0) * 12));
    expect(q).not.toEqual(p);
    expect(() => latinHypercubeUnit(1, 0, 'p', 0, 0.5)).toThrow(RangeError);
  });

  it('owenSobolUnit: each point is uniform over seeds, and 2^m points are stratified in each of 20 dimensions', () => {
    // Point 0 (the origin before scrambling) over 4,000 seeds: mean ½ and variance 1/12 of the uniform, and no tenth empty.
    const us = range(4000).map((s) => owenSobolUnit(s, 0, 2)!);
    const mean = us.reduce((a, b) => a + b, 0) / us.length;
    const variance = us.reduce((a, b) => a + (b - mean) ** 2, 0) / us.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.015);
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.005);
    for (const c of range(10)) expect(us.filter((u) => Math.floor(u * 10) === c).length).toBeGreaterThan(320);
    for (const m of [2, 4, 6]) {
      for (let dim = 0; dim < 20; dim++) expect(slices(range(2 ** m).map((i) => owenSobolUnit(11, i, dim)!), 2 ** m)).toEqual(range(2 ** m));
    }
    expect(owenSobolUnit(1, 0, 1e6)).toBeUndefined();
  });
});
