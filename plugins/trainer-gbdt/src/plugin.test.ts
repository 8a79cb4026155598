import { createHookBus, isPlugin, silentLogger, tokens } from '@mlops/core';
import plugins, { gbdtTrainer } from './index';

describe('gbdtTrainer plugin', () => {
  it('provides the trainer token, is the default export, and validates its options', async () => {
    expect(isPlugin(gbdtTrainer)).toBe(true);
    expect(plugins).toEqual([gbdtTrainer]);
    expect(gbdtTrainer.provides).toBe(tokens.trainer);
    const options = gbdtTrainer.options!.parse(undefined);
    const trainer = await gbdtTrainer.create({ options, resolve: () => undefined as never, tryResolve: () => undefined, projectRoot: '.', stateDir: '.mlops', logger: console as never, provide: () => undefined, hooks: createHookBus(silentLogger) });
    expect(trainer.kind).toBe('gbdt');
  });
});
