import { TrialPruned } from './errors';
import { MedianPruner } from './pruners/PercentilePruner';
import { RandomSampler } from './samplers/RandomSampler';
import { TpeSampler } from './samplers/TpeSampler';
import { createStudy, loadStudy } from './Study';
import { InMemoryStorage } from './storage/InMemoryStorage';

describe('Study', () => {
  it('refuses unsafe study names with core’s rule', async () => {
    await expect(createStudy({ name: '../escape' })).rejects.toThrow('study name must not have a ".." segment, received "../escape"');
  });

  it('refuses a second study of the same name unless loadIfExists, and loadStudy finds it', async () => {
    const storage = new InMemoryStorage();
    await createStudy({ name: 's', storage, direction: 'maximize' });
    await expect(createStudy({ name: 's', storage })).rejects.toThrow('study "s" already exists (pass loadIfExists: true to continue it)');
    expect((await createStudy({ name: 's', storage, loadIfExists: true })).directions).toEqual(['maximize']);
    await expect(createStudy({ name: 's', storage, loadIfExists: true, direction: 'minimize' })).rejects.toThrow('study "s" has directions maximize; received minimize');
    await expect(loadStudy({ name: 'nope', storage })).rejects.toThrow('study "nope" not found');
  });

  it('asks and tells: enqueued values first, same parameter twice gives the same value', async () => {
    const study = await createStudy({ name: 'ask', sampler: new RandomSampler({ seed: 4 }) });
    await study.enqueueTrial({ x: 0.25, kind: 'b' });
    const trial = await study.ask();
    expect(trial.suggestFloat('x', 0, 1)).toBe(0.25);
    expect(trial.suggestFloat('x', 0, 1)).toBe(0.25);
    expect(trial.suggestCategorical('kind', ['a', 'b'])).toBe('b');
    expect(() => trial.suggestFloat('x', 0, 2)).toThrow('trial 0: parameter "x" was suggested with');
    expect(await study.tell(trial, 3)).toBe('complete');
    expect(await study.bestParams()).toEqual({ x: 0.25, kind: 'b' });
    await expect(trial.report(1, 0)).rejects.toThrow('trial 0: report after the trial finished');
  });

  it('records a failing objective with its error and goes on; NaN fails the trial', async () => {
    const study = await createStudy({ name: 'fail', sampler: new RandomSampler({ seed: 1 }) });
    let n = 0;
    await study.optimize(
      (t) => {
        const x = t.suggestFloat('x', 0, 1);
        if (++n === 2) throw new Error('out of memory');
        return n === 3 ? NaN : x;
      },
      { nTrials: 4 },
    );
    const trials = await study.trials();
    expect(trials.map((t) => [t.state, t.error])).toEqual([
      ['complete', undefined],
      ['fail', 'out of memory'],
      ['fail', 'objective returned null'],
      ['complete', undefined],
    ]);
  });

  it('stops on its own bad-input errors (a wrong search space fails every trial the same way)', async () => {
    const study = await createStudy({ name: 'bad' });
    await expect(study.optimize((t) => t.suggestFloat('x', 1, 0), { nTrials: 5 })).rejects.toThrow('suggestFloat("x").high: expected a number ≥ low (1), received 0');
    expect((await study.trials()).map((t) => t.state)).toEqual(['fail']);
  });

  it('prunes inside optimize: a pruned trial keeps its last reported value and stops at once', async () => {
    const study = await createStudy({ name: 'prune', sampler: new RandomSampler({ seed: 1 }), pruner: new MedianPruner({ nStartupTrials: 2 }) });
    const levels = [1, 2, 3, 0.5, 5];
    let i = 0;
    const stepsRun: number[] = [];
    await study.optimize(
      async (t) => {
        const level = levels[i++]!;
        for (let step = 0; step < 4; step++) {
          stepsRun.push(step);
          await t.report(level + 1 / (step + 1), step);
          if (await t.shouldPrune()) throw new TrialPruned();
        }
        return level;
      },
      { nTrials: 5 },
    );
    const trials = await study.trials();
    // Trials 0 and 1 complete (startup); 2 is above the median of 0 and 1 at step 0; 3 is better; 4 is worse.
    expect(trials.map((t) => t.state)).toEqual(['complete', 'complete', 'pruned', 'complete', 'pruned']);
    expect(trials[2]!.values).toEqual([4]);
    expect(stepsRun.length).toBe(4 + 4 + 1 + 4 + 1);
  });

  it('keeps the Pareto front of several objectives', async () => {
    const study = await createStudy({ name: 'mo', directions: ['minimize', 'maximize'] });
    for (const [a, b] of [[1, 1], [2, 3], [0.5, 0.2], [2, 2], [3, 3]]) {
      const t = await study.ask();
      await study.tell(t, [a!, b!]);
    }
    expect((await study.bestTrials()).map((t) => t.values)).toEqual([[1, 1], [2, 3], [0.5, 0.2]]);
    await expect(study.bestTrial()).rejects.toThrow('study "mo" has several objectives: use bestTrials() (the Pareto front)');
    const t = await study.ask();
    await expect(study.tell(t, 1)).rejects.toThrow('study "mo" has 2 objective(s); trial 5 returned 1 value(s)');
    await expect(t.report(1, 0)).rejects.toThrow('trial.report: intermediate values (and pruning) need a single-objective study');
  });

  it('resumes an interrupted study with the same draws as an uninterrupted one (seeded)', async () => {
    const objective = (t: import('./Trial').Trial) => (t.suggestFloat('x', -5, 5) - 1) ** 2 + (t.suggestCategorical('k', ['a', 'b']) === 'a' ? 0 : 1);
    const whole = await createStudy({ name: 'whole', sampler: new TpeSampler({ seed: 9 }) });
    await whole.optimize(objective, { nTrials: 30 });
    const storage = new InMemoryStorage();
    const first = await createStudy({ name: 'resumed', storage, sampler: new TpeSampler({ seed: 9 }) });
    await first.optimize(objective, { nTrials: 18 });
    // A new process: a fresh sampler object with the same seed, the history from storage.
    const second = await loadStudy({ name: 'resumed', storage, sampler: new TpeSampler({ seed: 9 }) });
    await second.optimize(objective, { nTrials: 12 });
    expect((await second.trials()).map((t) => t.params)).toEqual((await whole.trials()).map((t) => t.params));
  });

  it('runs trials concurrently and stops at the timeout', async () => {
    const study = await createStudy({ name: 'conc', sampler: new RandomSampler({ seed: 1 }) });
    let running = 0;
    let most = 0;
    await study.optimize(
      async (t) => {
        most = Math.max(most, ++running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
        return t.suggestFloat('x', 0, 1);
      },
      { nTrials: 12, concurrency: 4 },
    );
    expect(most).toBe(4);
    expect(await study.trials()).toHaveLength(12);
    const started = Date.now();
    await study.optimize(async () => new Promise<number>((r) => setTimeout(() => r(1), 20)), { timeoutMs: 100 });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
