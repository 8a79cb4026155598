import type { Distribution } from '../distributions';
import { createRng } from '../rng';
import { ParzenEstimator, type NumericKernels, type ParzenSettings } from './parzenEstimator';
import { TpeSampler } from './TpeSampler';

const settings: ParzenSettings = {
  considerPrior: true,
  priorWeight: 1,
  considerMagicClip: true,
  considerEndpoints: false,
  weights: (n) => new Array<number>(n).fill(1),
  multivariate: true,
  multivariateBandwidth: 'neighbour',
  normalizeKernels: false,
};
const sigmasOf = (p: ParzenEstimator, name: string) => Array.from((p.kernelsOf(name) as NumericKernels).sigmas);

describe("multivariate TPE, multivariateBandwidth: 'neighbour'", () => {
  it('gives each kernel its nearest-neighbour distance in the unit square times the range, then the magic clip', () => {
    // Unit coordinates (0, 0), (0.3, 0.4), (1, 1), (0.33, 0.44). Nearest distances: 0.5 (0 to 1),
    // 0.05 (1 and 3), √(0.67² + 0.56²) = √0.7625 (2 to 3). Magic clip: range / min(100, 1 + 5 kernels).
    const space: Record<string, Distribution> = { x: { type: 'float', low: 0, high: 10, log: false, step: undefined }, y: { type: 'float', low: 0, high: 1, log: false, step: undefined } };
    const p = new ParzenEstimator({ x: [0, 3, 10, 3.3], y: [0, 0.4, 1, 0.44] }, space, settings);
    const r2 = Math.sqrt(0.7625);
    const expectX = [5, 10 / 6, 10 * r2, 10 / 6, 10];
    const expectY = [0.5, 1 / 6, r2, 1 / 6, 1];
    sigmasOf(p, 'x').forEach((s, i) => expect(s).toBeCloseTo(expectX[i]!, 12));
    sigmasOf(p, 'y').forEach((s, i) => expect(s).toBeCloseTo(expectY[i]!, 12));
    // Scott's rule (the default) gives every observation's kernel 0.2·4^(−1/6)·range (without the clip, which would lift it to range / 6).
    const scott = new ParzenEstimator({ x: [0, 3, 10, 3.3], y: [0, 0.4, 1, 0.44] }, space, { ...settings, multivariateBandwidth: 'scott', considerMagicClip: false });
    expect(sigmasOf(scott, 'x').slice(0, 4).map((s) => s.toFixed(9))).toEqual(new Array(4).fill((2 * 4 ** (-1 / 6)).toFixed(9)));
  });

  it('measures distances in log space for log ranges and on the widened grid for ints', () => {
    // log x in [ln 1, ln 100]: 1, 10, 100 sit at 0, ½, 1. int k in [0, 9] widens to [−0.5, 9.5]: 0, 5, 9 sit at 0.05, 0.55, 0.95.
    const space: Record<string, Distribution> = { x: { type: 'float', low: 1, high: 100, log: true, step: undefined }, k: { type: 'int', low: 0, high: 9, log: false, step: 1 } };
    const p = new ParzenEstimator({ x: [1, 10, 100], k: [0, 5, 9] }, space, settings);
    // Unit points (0, 0.05), (0.5, 0.55), (1, 0.95): nearest distances √0.5, √(0.25 + 0.16), √0.41.
    const r = [Math.sqrt(0.5), Math.sqrt(0.41), Math.sqrt(0.41)];
    sigmasOf(p, 'x').slice(0, 3).forEach((s, i) => expect(s).toBeCloseTo(r[i]! * Math.log(100), 12));
    sigmasOf(p, 'k').slice(0, 3).forEach((s, i) => expect(s).toBeCloseTo(r[i]! * 10, 12));
  });

  it('falls back to Scott\'s rule with one observation and needs multivariate: true', () => {
    const space: Record<string, Distribution> = { x: { type: 'float', low: 0, high: 10, log: false, step: undefined } };
    // Scott's 0.2·range = 2 is below the magic clip's range / min(100, 1 + 2 kernels).
    const [s0, prior] = sigmasOf(new ParzenEstimator({ x: [4] }, space, settings), 'x');
    expect(s0).toBeCloseTo(10 / 3, 12);
    expect(sigmasOf(new ParzenEstimator({ x: [4] }, space, { ...settings, considerMagicClip: false }), 'x')[0]).toBeCloseTo(2, 12);
    expect(prior).toBe(10);
    expect(() => new TpeSampler({ multivariateBandwidth: 'neighbour' })).toThrow('TpeSampler: multivariateBandwidth: needs multivariate: true');
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
