import { createHookBus, isPlugin, silentLogger, tokens } from '@mlops/core';
import plugins, { tfjsTrainer } from './index';

describe('tfjsTrainer plugin', () => {
  it('provides the trainer token, is the default export, validates its options and logs the backend', async () => {
    expect(isPlugin(tfjsTrainer)).toBe(true);
    expect(plugins).toEqual([tfjsTrainer]);
    expect(tfjsTrainer.provides).toBe(tokens.trainer);
    expect(tfjsTrainer.name).toBe('trainer-tfjs');
    const messages: string[] = [];
    const logger = { info: (m: string) => messages.push(m), debug: () => {}, warn: () => {}, error: () => {} };
    const trainer = await tfjsTrainer.create({ options: tfjsTrainer.options!.parse({ backend: 'cpu', epochs: 1 }), resolve: () => undefined as never, tryResolve: () => undefined, projectRoot: '.', stateDir: '.mlops', logger: logger as never, provide: () => undefined, hooks: createHookBus(silentLogger) });
    expect(trainer.kind).toBe('tfjs-dense');
    expect(() => tfjsTrainer.create({ options: { epochs: 0 }, resolve: () => undefined as never, tryResolve: () => undefined, projectRoot: '.', stateDir: '.mlops', logger: logger as never, provide: () => undefined, hooks: createHookBus(silentLogger) })).toThrow('invalid tfjs params');
  });
});
