import * as tf from '@tensorflow/tfjs';
import type { ModelRuntime } from '@mlops/core';
import type { TfjsBackend } from './lib/selectBackend';
import { readTfjsServingBundle } from './readTfjsServingBundle';
import { TfjsLoadedModel } from './TfjsLoadedModel';

/** Loads tfjs serving bundles and runs them on one tfjs backend. */
export class TfjsModelRuntime implements ModelRuntime {
  /** `tfjs-node`, `tfjs-wasm` or `tfjs-cpu`: the backend that actually runs. */
  readonly name: string;

  constructor(readonly backend: TfjsBackend) {
    this.name = backend === 'tfjs-node' ? 'tfjs-node' : `tfjs-${backend}`;
  }

  async load(model: Uint8Array): Promise<TfjsLoadedModel> {
    return new TfjsLoadedModel(readTfjsServingBundle(model), this.backend);
  }

  health() {
    return { ok: true, detail: `${this.name} (@tensorflow/tfjs ${tf.version.tfjs})` };
  }
}
