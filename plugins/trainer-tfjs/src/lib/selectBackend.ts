import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { dirname, sep } from 'node:path';
import { TfjsError, tfjsErrorCodes } from '../errors';
import type { TfjsParams } from '../config';

/** A tfjs backend we can run on. */
export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

/** Registers tfjs-node's native backend if the optional peer is installed. */
function tryNative(): boolean {
  try {
    // Optional peer dependency: required lazily so the package works without it.
    require('@tensorflow/tfjs-node');
    return tf.findBackend('tensorflow') !== null;
  } catch {
    return false;
  }
}

let wasmPathsSet = false;

/** Points the wasm backend at the `.wasm` files inside the installed package: nothing is downloaded. */
function prepareWasm(): void {
  if (wasmPathsSet) return;
  setWasmPaths(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + sep);
  wasmPathsSet = true;
}

async function activate(name: BackendName): Promise<boolean> {
  if (name === 'tensorflow' && !tryNative()) return false;
  if (name === 'wasm') prepareWasm();
  try {
    return await tf.setBackend(name);
  } catch {
    return false;
  }
}

/** Activates the requested backend (or the first that starts, for `auto`) and returns its name. */
export async function selectBackend(requested: TfjsParams['backend']): Promise<BackendName> {
  const order: BackendName[] = requested === 'auto' ? ['tensorflow', 'wasm', 'cpu'] : [requested];
  for (const name of order) {
    if (await activate(name)) return name;
  }
  throw new TfjsError(tfjsErrorCodes.backend, `tfjs backend "${requested}" could not start${requested === 'tensorflow' ? ' (is @tensorflow/tfjs-node installed?)' : ''}; use backend "auto" or "cpu"`);
}
