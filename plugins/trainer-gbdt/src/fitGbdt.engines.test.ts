import { resolveGbdtParams } from './createGbdtTrainer';
import { synthetic } from './__fixtures__/frames';
import type { fitGbdt as FitGbdt } from './fitGbdt';

/** fitGbdt from a fresh module registry, optionally with WebAssembly hidden from the kernel. */
function loadFit(withoutWebAssembly: boolean): typeof FitGbdt {
  let fit: typeof FitGbdt | undefined;
  jest.isolateModules(() => {
    if (withoutWebAssembly) jest.doMock('./lib/wasm/webAssembly', () => ({ webAssembly: () => undefined }));
    fit = (require('./fitGbdt') as { fitGbdt: typeof FitGbdt }).fitGbdt;
  });
  jest.dontMock('./lib/wasm/webAssembly');
  return fit!;
}

describe('fitGbdt without WebAssembly (the JS fallback of the training kernel)', () => {
  it('trains the same model, bit for bit, as with the WebAssembly kernel', async () => {
    const frame = synthetic(3000, 21, 0.1);
    for (const [target, drop, extra] of [
      ['bin', ['multi', 'reg'], {}],
      ['reg', ['bin', 'multi'], { subsample: 0.8, colsampleByTree: 0.75 }],
      ['multi', ['bin', 'reg'], { growPolicy: 'lossguide', maxLeaves: 12, maxDepth: 0 }],
    ] as const) {
      const params = resolveGbdtParams({ nRounds: 8, ...extra });
      const models = [];
      for (const withoutWebAssembly of [false, true]) models.push(await loadFit(withoutWebAssembly)(frame.drop([...drop]), target, params, { seed: 4 }));
      expect(JSON.stringify(models[1]!.toJSON())).toBe(JSON.stringify(models[0]!.toJSON()));
    }
  });
});
