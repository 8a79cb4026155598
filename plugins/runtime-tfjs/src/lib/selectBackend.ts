import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { dirname, sep } from 'node:path';
import { TfjsRuntimeError, tfjsRuntimeErrorCodes } from '../errors';
import type { TfjsRuntimeOptions } from '../options';

/** A backend this runtime can run on, as its options name it. */
export type TfjsBackend = 'tfjs-node' | 'wasm' | 'cpu';

// tfjs's own names for them.
const tfName: Record<TfjsBackend, string> = { 'tfjs-node': 'tensorflow', wasm: 'wasm', cpu: 'cpu' };

/** Registers tfjs-node's native backend when the package is installed (it is not a dependency). */
function tryNative(): boolean {
  try {
    require('@tensorflow/tfjs-node');
    return tf.findBackend('tensorflow') !== null;
  } catch {
    return false;
  }
}

let wasmPrepared = false;

/** Points the wasm backend at the `.wasm` files inside the installed package, so nothing is fetched. */
function prepareWasm(threads: number | undefined): void {
  if (!wasmPrepared) setWasmPaths(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + sep);
  wasmPrepared = true;
  // Only honoured before the backend initialises; later calls are ignored by tfjs.
  if (threads !== undefined) setThreadsCount(threads);
}

async function activate(backend: TfjsBackend, threads: number | undefined): Promise<boolean> {
  if (backend === 'tfjs-node' && !tryNative()) return false;
  if (backend === 'wasm') prepareWasm(threads);
  try {
    return await tf.setBackend(tfName[backend]);
  } catch {
    return false;
  }
}

/**
 * Activates the requested backend (for `auto`, the first of tfjs-node, wasm, cpu that starts) and
 * returns it. tfjs has one active backend per process, so this sets it for the whole process.
 */
export async function selectBackend(options: TfjsRuntimeOptions): Promise<TfjsBackend> {
  const order: TfjsBackend[] = options.backend === 'auto' ? ['tfjs-node', 'wasm', 'cpu'] : [options.backend];
  for (const backend of order) {
    if (await activate(backend, options.threads)) return backend;
  }
  const hint = options.backend === 'tfjs-node' ? ' (is @tensorflow/tfjs-node installed? it is not a dependency of this package)' : '';
  throw new TfjsRuntimeError(tfjsRuntimeErrorCodes.backend, `tfjs backend "${options.backend}" could not start${hint}; use backend "auto", "wasm" or "cpu"`);
}

/** Makes `backend` the active one again (another tfjs user in the process may have switched it). */
export async function ensureBackend(backend: TfjsBackend): Promise<void> {
  if (tf.getBackend() !== tfName[backend]) await tf.setBackend(tfName[backend]);
}

/** Threads the wasm backend really uses (1 in Node, where tfjs finds no wasm multithreading). */
export function wasmThreads(): number {
  return getThreadsCount();
}
