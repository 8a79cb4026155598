import type { Distribution } from '../distributions';
import { createRng } from '../rng';
import { neighbourSettings } from '../__fixtures__/parzenSettings';
import { ParzenEstimator, type NumericKernels } from './parzenEstimator';
import { TpeSampler } from './TpeSampler';

const settings = neighbourSettings;
const sigmasOf = (p: ParzenEstimator, name: string) => Array.from((p.kernelsOf(name) as NumericKernels).sigmas);

describe("multivariate TPE, multivariateBandwidth: 'neighbour'", () => {
  it('gives each kernel, per dimension, its distance to the nearest other observation, then the magic clip', () => {
    // x: 0, 3, 10, 3.3 → nearest gaps 3, 0.3, 6.7, 0.3; y: 0, 0.4, 1, 0.44 → 0.4, 0.04, 0.56, 0.04.
    // The magic clip lifts the small ones to range / min(100, 1 + 5 kernels); the prior (last) spans the range.
    const space: Record<string, Distribution> = { x: { type: 'float', low: 0, high: 10, log: false, step: undefined }, y: { type: 'float', low: 0, high: 1, log: false, step: undefined } };
    const p = new ParzenEstimator({ x: [0, 3, 10, 3.3], y: [0, 0.4, 1, 0.44] }, space, settings);
    const expectX = [3, 10 / 6, 6.7, 10 / 6, 10];
    const expectY = [0.4, 1 / 6, 0.56, 1 / 6, 1];
    sigmasOf(p, 'x').forEach((s, i) => expect(s).toBeCloseTo(expectX[i]!, 12));
    sigmasOf(p, 'y').forEach((s, i) => expect(s).toBeCloseTo(expectY[i]!, 12));
    // Scott's rule (the default) gives every observation's kernel 0.2·4^(−1/6)·range (without the clip, which would lift it to range / 6).
    const scott = new ParzenEstimator({ x: [0, 3, 10, 3.3], y: [0, 0.4, 1, 0.44] }, space, { ...settings, multivariateBandwidth: 'scott', considerMagicClip: false });
    expect(sigmasOf(scott, 'x').slice(0, 4).map((s) => s.toFixed(9))).toEqual(new Array(4).fill((2 * 4 ** (-1 / 6)).toFixed(9)));
  });

  it('measures gaps in log space for log ranges and on the integer grid for ints', () => {
    // log x: 1, 10, 100 → ln 10 apart. int k in [0, 9]: 0, 5, 9 → gaps 5, 4, 4 (clip 10 / 4 = 2.5, not binding).
    const space: Record<string, Distribution> = { x: { type: 'float', low: 1, high: 100, log: true, step: undefined }, k: { type: 'int', low: 0, high: 9, log: false, step: 1 } };
    const p = new ParzenEstimator({ x: [1, 10, 100], k: [0, 5, 9] }, space, settings);
    sigmasOf(p, 'x').slice(0, 3).forEach((s) => expect(s).toBeCloseTo(Math.log(10), 12));
    expect(sigmasOf(p, 'k')).toEqual([5, 4, 4, 10]);
  });

  it('keeps kernels on an int range at least one step wide when values repeat', () => {
    // Gaps 0 everywhere; the magic clip alone would give 8 / min(100, 1 + 9 kernels) = 0.8 < 1 step.
    const space: Record<string, Distribution> = { d: { type: 'int', low: 1, high: 8, log: false, step: 1 } };
    const obs = [1, 1, 2, 2, 5, 5, 8, 8];
    expect(sigmasOf(new ParzenEstimator({ d: obs }, space, settings), 'd')).toEqual([...new Array(8).fill(1), 8]);
  });

  it('falls back to Scott\'s rule with one observation and needs multivariate: true', () => {
    const space: Record<string, Distribution> = { x: { type: 'float', low: 0, high: 10, log: false, step: undefined } };
    // Scott's 0.2·range = 2 is below the magic clip's range / min(100, 1 + 2 kernels).
    const [s0, prior] = sigmasOf(new ParzenEstimator({ x: [4] }, space, settings), 'x');
    expect(s0).toBeCloseTo(10 / 3, 12);
    expect(sigmasOf(new ParzenEstimator({ x: [4] }, space, { ...settings, considerMagicClip: false }), 'x')[0]).toBeCloseTo(2, 12);
    expect(prior).toBe(10);
    expect(() => new TpeSampler({ multivariate: false, multivariateBandwidth: 'neighbour' })).toThrow('TpeSampler: multivariateBandwidth: needs multivariate: true');
  });

  it('draws inside the bounds, on the log scale and on the step grid', () => {
    const space: Record<string, Distribution> = {
      lr: { type: 'float', low: 1e-4, high: 1, log: true, step: undefined },
      depth: { type: 'int', low: 2, high: 12, log: false, step: 2 },
      frac: { type: 'float', low: 0.5, high: 1, log: false, step: 0.05 },
      units: { type: 'int', low: 8, high: 512, log: true, step: 1 },
    };
    const p = new ParzenEstimator({ lr: [1e-4, 3e-3, 0.9], depth: [2, 6, 12], frac: [0.5, 0.75, 1], units: [8, 64, 512] }, space, settings);
    const draws = p.sample(createRng(7), 5000);
    for (let i = 0; i < 5000; i++) {
      expect(draws.lr![i]! >= 1e-4 && draws.lr![i]! <= 1).toBe(true);
      expect(draws.depth![i]! % 2 === 0 && draws.depth![i]! >= 2 && draws.depth![i]! <= 12).toBe(true);
      const steps = (draws.frac![i]! - 0.5) / 0.05;
      expect(Math.abs(steps - Math.round(steps)) < 1e-9 && draws.frac![i]! >= 0.5 && draws.frac![i]! <= 1).toBe(true);
      expect(Number.isInteger(draws.units![i]!) && draws.units![i]! >= 8 && draws.units![i]! <= 512).toBe(true);
    }
    // The log range is sampled on the log scale: about as many draws below 1e-2 as above.
    const below = Array.from(draws.lr!).filter((v) => v < 1e-2).length;
    expect(below / 5000).toBeGreaterThan(0.3);
  });
});
