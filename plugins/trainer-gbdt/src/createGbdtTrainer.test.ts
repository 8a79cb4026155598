import { synthetic } from './__fixtures__/frames';
import { createGbdtTrainer, resolveGbdtParams } from './createGbdtTrainer';

describe('createGbdtTrainer', () => {
  it('fills defaults and lets call params override plugin defaults', () => {
    expect(resolveGbdtParams(undefined)).toMatchObject({ nRounds: 100, learningRate: 0.1, maxDepth: 6, maxBins: 255, l2: 1 });
    expect(resolveGbdtParams({ nRounds: 7 }, { nRounds: 3, l2: 0 })).toMatchObject({ nRounds: 7, l2: 0 });
  });

  it('rejects bad params with the field named', () => {
    expect(() => resolveGbdtParams({ learningRate: -1 })).toThrow(/invalid GBDT params:[\s\S]*learningRate/);
    expect(() => resolveGbdtParams({ nRound: 5 })).toThrow(/nRound/);
    expect(() => resolveGbdtParams({ maxDepth: 0, maxLeaves: 0 })).toThrow(/set maxDepth or maxLeaves/);
    expect(() => resolveGbdtParams(5)).toThrow(/must be an object/);
    expect(() => createGbdtTrainer({ maxBins: 1000 })).toThrow(/maxBins/);
  });

  it('fits and loads back through the Trainer contract', async () => {
    const trainer = createGbdtTrainer({ nRounds: 5 });
    const frame = synthetic(200, 1).drop(['multi', 'reg']);
    const model = await trainer.fit(frame, 'bin', {});
    expect(model.kind).toBe('gbdt');
    expect(model.featureNames).toEqual(['x0', 'x1', 'x2', 'x3']);
    expect(trainer.load(model.toJSON()).predictProba!(frame)).toEqual(model.predictProba!(frame));
  });

  it('names unusable targets', async () => {
    const trainer = createGbdtTrainer();
    const frame = synthetic(50, 1);
    await expect(trainer.fit(frame, 'reg', { objective: 'binary' })).rejects.toThrow(/needs a 0\/1 target/);
    await expect(trainer.fit(frame, 'multi', { objective: 'regression' })).rejects.toThrow(/regression needs a numeric target/);
  });
});
