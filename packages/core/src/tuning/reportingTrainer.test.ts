import type { Trainer, TrainedModel, TuningTrial } from '../index';
import { reportingTrainer, TrialPrunedError, tokens, type TokenType } from '../index';

// A trainer that runs `rounds` iterations unless told to stop, and says how many it ran.
function countingTrainer(rounds: number): Trainer & { ran: number } {
  const t = {
    kind: 'counting',
    ran: 0,
    async fit(_frame: never, _target: string, _params: unknown, options: Parameters<Trainer['fit']>[3] = {}) {
      t.ran = 0;
      for (let i = 0; i < rounds; i++) {
        t.ran++;
        if ((await options.onIteration?.({ iteration: i, metrics: { valid_loss: 1 / (i + 1), train_loss: 0 } })) === 'stop') break;
      }
      return { kind: 'counting' } as unknown as TrainedModel;
    },
    load: () => ({}) as TrainedModel,
  };
  return t;
}

// A trial whose pruner says yes from `pruneAt` on, recording the reports.
function scriptedTrial(pruneAt: number): TuningTrial & { reports: [number, number][] } {
  const reports: [number, number][] = [];
  return {
    number: 7,
    params: {},
    reports,
    suggestFloat: () => 0,
    suggestInt: () => 0,
    suggestCategorical: <T,>(_: string, c: readonly T[]) => c[0]!,
    report: async (value, step) => void reports.push([step, value]),
    shouldPrune: async () => reports.length - 1 >= pruneAt,
    setUserAttr: () => undefined,
  } as TuningTrial & { reports: [number, number][] };
}

describe('reportingTrainer', () => {
  it('reports every iteration, stops training at the pruned round and throws instead of returning the model', async () => {
    const trainer = countingTrainer(50);
    const trial = scriptedTrial(4);
    const own: number[] = [];
    const wrapped = reportingTrainer(trainer, trial, 'valid_loss');
    const error = await wrapped.fit(undefined as never, 'y', {}, { onIteration: ({ iteration }) => void own.push(iteration) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrialPrunedError);
    expect((error as TrialPrunedError).message).toBe('trial 7 pruned at iteration 4');
    expect((error as TrialPrunedError).code).toBe('E_TUNER_PRUNED');
    expect(trainer.ran).toBe(5);
    expect(trial.reports).toEqual([0, 1, 2, 3, 4].map((i) => [i, 1 / (i + 1)]));
    expect(own).toEqual([0, 1, 2, 3, 4]);
    expect(wrapped.kind).toBe('counting');
  });

  it('returns the model when never pruned, and names the metrics a trainer reports when one is missing', async () => {
    const trainer = countingTrainer(3);
    expect((await reportingTrainer(trainer, scriptedTrial(99), 'valid_loss').fit(undefined as never, 'y', {})).kind).toBe('counting');
    expect(trainer.ran).toBe(3);
    await expect(reportingTrainer(trainer, scriptedTrial(99), 'valid_logloss').fit(undefined as never, 'y', {})).rejects.toMatchObject({
      message: 'intermediate: the trainer reports no metric "valid_logloss" (it reports valid_loss, train_loss; valid_* metrics need FitOptions.validation)',
      badInput: true,
    });
  });

  it('types tokens.tuner with the Tuner contract', () => {
    type T = TokenType<typeof tokens.tuner>;
    const check = (t: T) => t.openStudy;
    // @ts-expect-error a tuner has no such method
    const bad = (t: T) => t.optimizeEverything;
    expect([typeof check, typeof bad]).toEqual(['function', 'function']);
  });
});
