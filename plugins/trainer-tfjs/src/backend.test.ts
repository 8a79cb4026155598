import { selectBackend } from '@mlops/tfjs-backend';
import { xorFrame } from './__fixtures__/frames';
import { createTfjsTrainer } from './createTfjsTrainer';
import { tfjsParams } from './config';

// tfjs-node is an optional peer that cannot be installed in our CI image; these tests cover the fallback.
const hasNative = (() => {
  try {
    require.resolve('@tensorflow/tfjs-node');
    return true;
  } catch {
    return false;
  }
})();
const fallback = hasNative ? describe.skip : describe;

fallback('selectBackend without @tensorflow/tfjs-node', () => {
  it('auto falls back to wasm, loaded from the package on disk', async () => {
    expect(await selectBackend('auto')).toBe('wasm');
    const model = await createTfjsTrainer({ hiddenLayers: [4], epochs: 2 }).fit(xorFrame(50, 1, 'xor'), 'y', {}, { seed: 1 });
    expect(model.data.backend).toBe('wasm');
  });

  it('names the missing native backend with the same name and message as the tfjs runtime', async () => {
    await expect(createTfjsTrainer({ backend: 'tfjs-node', hiddenLayers: [4], epochs: 1 }).fit(xorFrame(20, 1, 'xor'), 'y', {}, { seed: 1 })).rejects.toMatchObject({
      code: 'E_TFJS_BACKEND',
      message: 'tfjs backend "tfjs-node" could not start (is @tensorflow/tfjs-node installed? it is not a dependency of mlops); use backend "auto", "wasm" or "cpu"',
    });
  });

  it("accepts the runtime's backend names, not tfjs's own 'tensorflow'", () => {
    expect(tfjsParams.safeParse({ backend: 'tfjs-node' }).success).toBe(true);
    expect(tfjsParams.safeParse({ backend: 'tensorflow' }).error?.issues.map((i) => i.path.join('.'))).toEqual(['backend']);
  });
});
