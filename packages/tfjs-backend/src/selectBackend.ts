import { MlopsError } from '@mlops/errors';
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { dirname, sep } from 'node:path';

/** The tfjs backends mlops can run on, by the names the trainer's and the runtime's options use. */
export const tfjsBackendNames = ['tfjs-node', 'wasm', 'cpu'] as const;

/** A backend by its mlops name: `tfjs-node` (native TensorFlow), `wasm` or `cpu` (pure JS). */
export type TfjsBackend = (typeof tfjsBackendNames)[number];

/** What an options schema accepts: a backend, or `auto` for the first of them that starts. */
export type TfjsBackendRequest = 'auto' | TfjsBackend;

/** Code of the error thrown when the requested backend cannot start. */
export const tfjsBackendErrorCode = 'E_TFJS_BACKEND';

/** The requested tfjs backend could not start; the message says what to install or choose instead. */
export class TfjsBackendError extends MlopsError<typeof tfjsBackendErrorCode> {
  constructor(readonly requested: TfjsBackendRequest) {
    const hint = requested === 'tfjs-node' ? ' (is @tensorflow/tfjs-node installed? it is not a dependency of mlops)' : '';
    super(tfjsBackendErrorCode, `tfjs backend "${requested}" could not start${hint}; use backend "auto", "wasm" or "cpu"`, { path: 'backend', received: JSON.stringify(requested), expected: 'a backend that starts here', badInput: true });
  }
}

// tfjs's own names for them.
const tfName: Record<TfjsBackend, string> = { 'tfjs-node': 'tensorflow', wasm: 'wasm', cpu: 'cpu' };

/** Registers tfjs-node's native backend when the package is installed (an optional peer). */
function tryNative(): boolean {
  try {
    // Required lazily: it cannot be installed everywhere (its install step downloads libtensorflow).
    require('@tensorflow/tfjs-node');
    return tf.findBackend('tensorflow') !== null;
  } catch {
    return false;
  }
}

/**
 * tfjs prints a banner advising tfjs-node the first time the cpu backend holds data in Node, and
 * logs a warning per backend that fails to start: noise in a CLI, and the backend this module picks
 * (or its clear error) already says what runs. PROD mode is tfjs's switch for its own console output.
 */
function quietTfjs(): void {
  tf.env().set('PROD', true);
}

let wasmPathsSet = false;

/** Points the wasm backend at the `.wasm` files inside the installed package, so nothing is fetched. */
function prepareWasm(threads: number | undefined): void {
  if (!wasmPathsSet) setWasmPaths(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + sep);
  wasmPathsSet = true;
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
 * `threads` sizes the wasm backend's pool (ignored by the others).
 */
export async function selectBackend(requested: TfjsBackendRequest, options: { threads?: number } = {}): Promise<TfjsBackend> {
  quietTfjs();
  const order: readonly TfjsBackend[] = requested === 'auto' ? tfjsBackendNames : [requested];
  for (const backend of order) {
    if (await activate(backend, options.threads)) return backend;
  }
  throw new TfjsBackendError(requested);
}

/** Makes `backend` the active one again (another tfjs user in the process may have switched it). */
export async function ensureBackend(backend: TfjsBackend): Promise<void> {
  if (tf.getBackend() !== tfName[backend]) await tf.setBackend(tfName[backend]);
}

/** Threads the wasm backend really uses (1 in Node, where tfjs finds no wasm multithreading). */
export function wasmThreads(): number {
  return getThreadsCount();
}
