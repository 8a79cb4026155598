import { RandomSampler } from './samplers/RandomSampler';
import { createStudy } from './Study';
import { retriedTrialNumber } from './retry';

describe('retrying failed trials (maxRetries)', () => {
  it('re-runs a failed trial with the same params; the retry names the trial it retries', async () => {
    const study = await createStudy({ name: 'flaky', sampler: new RandomSampler({ seed: 3 }), maxRetries: 1 });
    let calls = 0;
    await study.optimize((t) => {
      const x = t.suggestFloat('x', -1, 1);
      t.suggestCategorical('kind', ['a', 'b']);
      if (++calls === 1) throw new Error('flaky disk');
      return x * x;
    }, { nTrials: 3 });
    const [first, retry, fresh] = await study.trials();
    expect([first!.state, retry!.state, fresh!.state]).toEqual(['fail', 'complete', 'complete']);
    expect(first!.error).toBe('flaky disk');
    expect(retry!.params).toEqual(first!.params);
    expect(retriedTrialNumber(retry!)).toBe(0);
    expect(retry!.systemAttrs.retry_history).toEqual([0]);
    expect(retriedTrialNumber(fresh!)).toBeUndefined();
    expect(fresh!.params.x).not.toBe(first!.params.x);
  });

  it('stops after maxRetries attempts of one chain, all naming its first trial; default is no retry', async () => {
    const study = await createStudy({ name: 'broken', sampler: new RandomSampler({ seed: 1 }), maxRetries: 2 });
    await study.optimize((t) => {
      t.suggestFloat('x', 0, 1);
      throw new Error('always');
    }, { nTrials: 4 });
    const trials = await study.trials();
    expect(trials.map((t) => [t.state, retriedTrialNumber(t) ?? null, t.systemAttrs.retry_history ?? null])).toEqual([
      ['fail', null, null],
      ['fail', 0, [0]],
      ['fail', 0, [0, 1]],
      ['fail', null, null],
      // The last trial's retry waits for the next optimize (or `mlops tune resume`).
      ['waiting', 3, [3]],
    ]);
    expect(new Set(trials.slice(0, 3).map((t) => t.params.x)).size).toBe(1);
    expect(trials[3]!.params.x).not.toBe(trials[0]!.params.x);
    // A trial failed by the caller through tell is retried too; none with the default.
    const plain = await createStudy({ name: 'plain', sampler: new RandomSampler({ seed: 1 }) });
    await plain.optimize(() => {
      throw new Error('x');
    }, { nTrials: 2 });
    expect((await plain.trials()).map((t) => retriedTrialNumber(t) ?? null)).toEqual([null, null]);
    await expect(createStudy({ name: 'neg', maxRetries: -1 })).rejects.toThrow('maxRetries: expected an integer ≥ 0, received -1');
  });
});
