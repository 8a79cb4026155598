import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { isMlopsError } from '@mlops/errors';
import { ensureBackend, selectBackend, TfjsBackendError, tfjsBackendNames } from './selectBackend';

// tfjs-node is an optional peer that cannot be installed in our CI image; these tests cover the fallback.
const hasNative = (() => {
  try {
    require.resolve('@tensorflow/tfjs-node');
    return true;
  } catch {
    return false;
  }
})();

describe('selectBackend', () => {
  it('uses one set of names for the trainer and the runtime', () => {
    expect(tfjsBackendNames).toEqual(['tfjs-node', 'wasm', 'cpu']);
  });

  it('auto picks the first backend that starts (wasm, from the package on disk, without tfjs-node)', async () => {
    const backend = await selectBackend('auto');
    expect(backend).toBe(hasNative ? 'tfjs-node' : 'wasm');
    expect(tf.getBackend()).toBe(hasNative ? 'tensorflow' : 'wasm');
    expect(Array.from(await tf.add(tf.tensor1d([1, 2]), tf.tensor1d([3, 4])).data())).toEqual([4, 6]);
  });

  it('ensureBackend switches back to the chosen backend after someone else changed it', async () => {
    expect(await selectBackend('cpu')).toBe('cpu');
    await tf.setBackend('wasm');
    await ensureBackend('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });

  it('names the missing native backend, as data too (or starts it where tfjs-node is installed)', async () => {
    if (hasNative) {
      expect(await selectBackend('tfjs-node')).toBe('tfjs-node');
      return;
    }
    const error = await selectBackend('tfjs-node').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TfjsBackendError);
    expect(isMlopsError(error)).toBe(true);
    const e = error as TfjsBackendError;
    expect([e.code, e.requested, e.path, e.received, e.badInput]).toEqual(['E_TFJS_BACKEND', 'tfjs-node', 'backend', '"tfjs-node"', true]);
    expect(e.message).toMatchInlineSnapshot(`"tfjs backend "tfjs-node" could not start (is @tensorflow/tfjs-node installed? it is not a dependency of mlops); use backend "auto", "wasm" or "cpu""`);
  });

  it('prints nothing of its own: no tfjs-node banner on the cpu backend, in a fresh process', () => {
    // The banner shows once per process, at the cpu backend's first tensor: a child process sees it fresh.
    const entry = path.resolve(__dirname, '../dist/index.js');
    const script = `require(${JSON.stringify(entry)}).selectBackend('cpu').then(async (b) => { const tf = require('@tensorflow/tfjs'); console.log(b, Array.from(await tf.add(tf.tensor1d([1]), tf.tensor1d([2])).data())); })`;
    const r = spawnSync(process.execPath, ['-e', script], { cwd: __dirname, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('cpu [ 3 ]\n');
  });
});
