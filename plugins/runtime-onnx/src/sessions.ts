import { createRequire } from 'node:module';
import * as ort from 'onnxruntime-node';
import type { TensorInfo } from '@mlops/core';

/** ort's session options as this plugin sets them. */
export interface SessionSettings {
  intraOpNumThreads: number;
  interOpNumThreads: number;
  executionMode: 'sequential';
  graphOptimizationLevel: 'disabled' | 'basic' | 'extended' | 'all';
}

/** The onnxruntime tensors of a run, input by input, and what comes back. */
export type OrtFeeds = Record<string, ort.Tensor>;
export type OrtOutputs = Record<string, ort.OnnxValue>;

/** One loaded graph, whichever onnxruntime-node entry point runs it. */
export interface RunnableSession {
  readonly inputs: readonly TensorInfo[];
  readonly outputs: readonly TensorInfo[];
  /** Which entry point: `native` (synchronous, `run` settles at once) or `public` (`InferenceSession`). */
  readonly kind: 'native' | 'public';
  /** Every input present (checked by the caller). */
  run(feeds: OrtFeeds): Promise<OrtOutputs>;
  release(): Promise<void>;
}

/** `ort.InferenceSession.create` behind the `RunnableSession` shape. */
export async function loadPublicSession(model: Uint8Array, settings: SessionSettings): Promise<RunnableSession> {
  const session = await ort.InferenceSession.create(model, settings);
  return {
    inputs: session.inputMetadata.map(publicInfo),
    outputs: session.outputMetadata.map(publicInfo),
    kind: 'public',
    run: (feeds) => session.run(feeds),
    release: () => session.release(),
  };
}

function publicInfo(meta: ort.InferenceSession.ValueMetadata): TensorInfo {
  if (!meta.isTensor) return { name: meta.name, type: 'non-tensor', dims: [] };
  return { name: meta.name, type: meta.type, dims: meta.shape.map((d) => (typeof d === 'number' && d >= 0 ? d : null)) };
}

/**
 * What this plugin uses of onnxruntime-node's native session (`dist/binding`, the object its public
 * `InferenceSession` wraps): the public `run` validates the feeds, goes through two `async` layers
 * and defers the native call with `setImmediate`; the native `run` is the same synchronous call
 * without them.
 */
interface NativeSession {
  loadModel(buffer: ArrayBufferLike, byteOffset: number, byteLength: number, options: SessionSettings): void;
  readonly inputMetadata: readonly NativeMetadata[];
  readonly outputMetadata: readonly NativeMetadata[];
  run(feeds: OrtFeeds, fetches: Record<string, null>, options: object): OrtOutputs;
  dispose(): void;
}

interface NativeMetadata {
  name: string;
  isTensor: boolean;
  type: number;
  shape: readonly number[];
}

interface NativeBinding {
  binding: { InferenceSession: new () => NativeSession };
  initOrt: () => void;
}

/** ONNX `TensorProto.DataType` numbers as ort's type names (the types onnxruntime-node feeds and returns). */
const onnxTypes: Readonly<Record<number, string>> = {
  1: 'float32',
  2: 'uint8',
  3: 'int8',
  4: 'uint16',
  5: 'int16',
  6: 'int32',
  7: 'int64',
  8: 'string',
  9: 'bool',
  10: 'float16',
  11: 'float64',
  12: 'uint32',
  13: 'uint64',
  21: 'uint4',
  22: 'int4',
};

let nativeBinding: NativeBinding | null | undefined;

/** onnxruntime-node's native binding, or null when this install has none of the expected shape. */
function loadNativeBinding(): NativeBinding | null {
  if (nativeBinding !== undefined) return nativeBinding;
  try {
    const loaded = createRequire(require.resolve('onnxruntime-node'))('./binding') as Partial<NativeBinding>;
    const Session = loaded.binding?.InferenceSession;
    const ok = typeof Session === 'function' && typeof loaded.initOrt === 'function' && ['loadModel', 'run', 'dispose'].every((m) => typeof (Session.prototype as unknown as Record<string, unknown>)[m] === 'function');
    nativeBinding = ok ? (loaded as NativeBinding) : null;
  } catch {
    nativeBinding = null;
  }
  return nativeBinding;
}

/** Whether the installed onnxruntime-node has a native session this plugin can run directly. */
export function nativeRunAvailable(): boolean {
  return loadNativeBinding() !== null;
}

/**
 * The graph in onnxruntime-node's native session, run synchronously; undefined when the installed
 * onnxruntime-node has no native session of the expected shape or reports a type this plugin does
 * not name (the caller then loads the public session, which reports its own errors). Loading
 * errors (bad bytes) are thrown.
 */
export function loadNativeSession(model: Uint8Array, settings: SessionSettings): RunnableSession | undefined {
  const native = loadNativeBinding();
  if (!native) return undefined;
  native.initOrt();
  const session = new native.binding.InferenceSession();
  session.loadModel(model.buffer, model.byteOffset, model.byteLength, settings);
  const inputs = session.inputMetadata.map(nativeInfo);
  const outputs = session.outputMetadata.map(nativeInfo);
  if ([...inputs, ...outputs].some((i) => i === undefined)) {
    session.dispose();
    return undefined;
  }
  // Every output, every run (what the public API asks for when given no fetches).
  const fetches = Object.fromEntries(outputs.map((o) => [o!.name, null]));
  const noOptions = {};
  return {
    inputs: inputs as TensorInfo[],
    outputs: outputs as TensorInfo[],
    kind: 'native',
    run: (feeds) => {
      try {
        return Promise.resolve(session.run(feeds, fetches, noOptions));
      } catch (error) {
        return Promise.reject(error);
      }
    },
    release: async () => session.dispose(),
  };
}

function nativeInfo(meta: NativeMetadata): TensorInfo | undefined {
  if (!meta.isTensor) return { name: meta.name, type: 'non-tensor', dims: [] };
  const type = onnxTypes[meta.type];
  return type === undefined ? undefined : { name: meta.name, type, dims: meta.shape.map((d) => (d >= 0 ? d : null)) };
}
