import * as tf from '@tensorflow/tfjs';
import type { ModelRuntime } from '@mlops/core';
import { ensureBackend, type TfjsBackend } from '@mlops/tfjs-backend';
import { readTfjsServingBundle } from './readTfjsServingBundle';
import { TfjsLoadedModel } from './TfjsLoadedModel';

/** Loads tfjs serving bundles and runs them on one tfjs backend. */
export class TfjsModelRuntime implements ModelRuntime {
  /** `tfjs-node`, `tfjs-wasm` or `tfjs-cpu`: the backend that actually runs. */
  readonly name: string;
  /** Registered versions keep the tfjs serving bundle under `artifacts.tfjs` (the ONNX export under `onnx`). */
  readonly artifactKey = 'tfjs';

  constructor(readonly backend: TfjsBackend) {
    this.name = backend === 'tfjs-node' ? 'tfjs-node' : `tfjs-${backend}`;
  }

  async load(model: Uint8Array): Promise<TfjsLoadedModel> {
    const read = readTfjsServingBundle(model);
    // The weights' tensors live on the backend active when they are made.
    await ensureBackend(this.backend);
    return new TfjsLoadedModel(read, this.backend);
  }

  health() {
    return { ok: true, detail: `${this.name} (@tensorflow/tfjs ${tf.version.tfjs})` };
  }
}
