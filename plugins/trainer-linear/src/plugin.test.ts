import { createHookBus, isPlugin, silentLogger, tokens } from '@mlops/core';
import plugins, { linearRegressionTrainer, logisticRegressionTrainer } from './index';

const ctx = (options: Record<string, unknown>) => ({ options, resolve: () => undefined as never, tryResolve: () => undefined, projectRoot: '.', stateDir: '.mlops', logger: console as never, provide: () => undefined, hooks: createHookBus(silentLogger) });

describe('trainer-linear plugins', () => {
  it('both provide the trainer token; only the logistic one is the default export', async () => {
    expect(isPlugin(logisticRegressionTrainer) && isPlugin(linearRegressionTrainer)).toBe(true);
    expect(plugins).toEqual([logisticRegressionTrainer]);
    expect(logisticRegressionTrainer.provides).toBe(tokens.trainer);
    expect(linearRegressionTrainer.provides).toBe(tokens.trainer);
    expect([logisticRegressionTrainer.name, linearRegressionTrainer.name]).toEqual(['trainer-logistic', 'trainer-linear-regression']);
    const logistic = await logisticRegressionTrainer.create(ctx(logisticRegressionTrainer.options!.parse({ C: 0.1 })));
    const linear = await linearRegressionTrainer.create(ctx(linearRegressionTrainer.options!.parse(undefined)));
    expect([logistic.kind, linear.kind]).toEqual(['logistic-regression', 'linear-regression']);
  });

  it('checks option defaults when the plugin is created', () => {
    expect(() => linearRegressionTrainer.create(ctx({ alpha: -1 }))).toThrow('invalid linear regression params');
  });
});
