import { xorFrame } from '../__fixtures__/frames';
import { createTfjsTrainer } from '../createTfjsTrainer';
import { selectBackend } from './selectBackend';

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

  it('names the missing native backend', async () => {
    await expect(selectBackend('tensorflow')).rejects.toThrow('tfjs backend "tensorflow" could not start (is @tensorflow/tfjs-node installed?)');
  });
});
