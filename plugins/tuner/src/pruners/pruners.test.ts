import { RandomSampler } from '../samplers/RandomSampler';
import { createStudy } from '../Study';
import { HyperbandPruner } from './HyperbandPruner';
import { MedianPruner, nanPercentile, PercentilePruner } from './PercentilePruner';
import type { Pruner } from './Pruner';
import { PatientPruner } from './PatientPruner';
import { SuccessiveHalvingPruner } from './SuccessiveHalvingPruner';
import { ThresholdPruner } from './ThresholdPruner';

/** Runs scripted curves one trial after another; returns the step each trial was pruned at (−1: never). */
async function decisions(pruner: Pruner, curves: number[][], direction: 'minimize' | 'maximize' = 'minimize'): Promise<number[]> {
  const study = await createStudy({ name: 'scripted', pruner, direction, sampler: new RandomSampler({ seed: 0 }) });
  const out: number[] = [];
  for (const curve of curves) {
    const trial = await study.ask();
    let at = -1;
    for (let step = 0; step < curve.length && at < 0; step++) {
      await trial.report(curve[step]!, step);
      if (await trial.shouldPrune()) at = step;
    }
    await study.tell(trial, at >= 0 ? { state: 'pruned' } : curve[curve.length - 1]!);
    out.push(at);
  }
  return out;
}

describe('percentile pruners', () => {
  it('median: waits for startup trials, then prunes a best-so-far above the median at that step', async () => {
    const curves = [
      [5, 4, 3], // no complete trial yet
      [6, 5, 4], // 1 complete < 2 startup trials
      [7, 6, 5], // 7 > median of [5, 6] at step 0 = 5.5 → pruned at 0
      [5.4, 4.2, 1], // 5.4 ≤ 5.5 at step 0; best 4.2 ≤ median of [4, 5] = 4.5 at step 1; complete
      [5.4, 4.6, 1], // 5.4 ≤ median of [5, 6, 5.4] = 5.4; best 4.6 > median of [4, 5, 4.2] = 4.2 → pruned at 1
      [NaN, NaN, NaN], // all NaN: pruned at once
    ];
    expect(await decisions(new MedianPruner({ nStartupTrials: 2 }), curves)).toEqual([-1, -1, 0, -1, 1, 0]);
  });

  it('warm-up and interval: only the first report of each interval after the warm-up is judged', async () => {
    const bad = [9, 9, 9, 9, 9, 9];
    const curves = [[1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1], bad];
    expect(await decisions(new MedianPruner({ nStartupTrials: 1, nWarmupSteps: 2, intervalSteps: 3 }), curves)).toEqual([-1, -1, 2]);
  });

  it('maximize uses the mirrored percentile', async () => {
    const curves = [[1], [2], [3], [4], [2.4], [2.6]];
    // 25th percentile when maximising = 75th of the values: of [1, 2, 3, 4] that is 3.25.
    expect(await decisions(new PercentilePruner(25, { nStartupTrials: 4 }), curves, 'maximize')).toEqual([-1, -1, -1, -1, 0, 0]);
    expect(nanPercentile([4, NaN, 1, 3, 2], 75)).toBe(3.25);
  });

  it('names the bad option', () => {
    expect(() => new PercentilePruner(120)).toThrow('PercentilePruner: percentile must be in [0, 100], received 120');
    expect(() => new MedianPruner({ intervalSteps: 0 })).toThrow('MedianPruner: intervalSteps must be an integer ≥ 1, received 0');
  });
});

describe('SuccessiveHalvingPruner', () => {
  it('keeps the top 1/η at each rung, asynchronously', async () => {
    // minResource 1, η 2: rungs at steps 1, 2, 4. A trial is promoted when in the top half of the values recorded at the rung so far.
    const curves = [
      [9, 4, 3, 2, 1],
      [9, 5, 4, 3, 2], // rung 0: [4, 5] → 5 is not in the top 1 of 2 → pruned at 1
      [9, 3, 2, 1, 0.5], // best at every rung
      [9, 6, 1, 1, 1], // rung 0: [4, 5, 3, 6] top 2 are 3, 4 → pruned
    ];
    expect(await decisions(new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 2 }), curves)).toEqual([-1, 1, -1, 1]);
  });

  it('refuses bootstrapCount with an automatic minimum resource', () => {
    expect(() => new SuccessiveHalvingPruner({ bootstrapCount: 2 })).toThrow("SuccessiveHalvingPruner: bootstrapCount: expected 0 with minResource 'auto', received 2");
  });
});

describe('ThresholdPruner and PatientPruner', () => {
  it('threshold: prunes a latest value outside [lower, upper] or NaN, after the warm-up', async () => {
    const curves = [[5, 5, 5], [1, 2, 0.5], [1, NaN, 1], [1, 1, 9]];
    expect(await decisions(new ThresholdPruner({ lower: 0.8, upper: 4, nWarmupSteps: 1 }), curves)).toEqual([1, 2, 1, 2]);
    expect(() => new ThresholdPruner({})).toThrow('ThresholdPruner: give lower, upper or both');
  });

  it('patient: prunes when the last patience + 1 reports are all worse than the earlier best by more than minDelta', async () => {
    // Trial 1: best before the window 4, window [4.5, 4.2, 4.1] → 4 + 0.05 < 4.1, pruned at step 4.
    // Trial 2: window [4.03, 4.04, 4.02] is worse than 4 but within minDelta 0.05, so it goes on.
    const curves = [[5, 4, 3, 2, 1], [5, 4, 4.5, 4.2, 4.1, 3], [5, 4, 4.03, 4.04, 4.02]];
    expect(await decisions(new PatientPruner(undefined, 2, 0.05), curves)).toEqual([-1, 4, -1]);
  });
});

describe('HyperbandPruner', () => {
  it('assigns brackets from the study name and trial number, the same in every process', async () => {
    const a = new HyperbandPruner({ maxResource: 27 });
    const b = new HyperbandPruner({ maxResource: 27 });
    await decisions(a, [[1]]);
    await decisions(b, [[1]]);
    const ids = Array.from({ length: 200 }, (_, i) => a.bracketOf('study', i));
    expect(ids).toEqual(Array.from({ length: 200 }, (_, i) => b.bracketOf('study', i)));
    expect(new Set(ids)).toEqual(new Set([0, 1, 2, 3]));
  });
});
