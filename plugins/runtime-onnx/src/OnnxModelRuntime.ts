import * as ort from 'onnxruntime-node';
import type { ModelRuntime } from '@mlops/core';
import { OnnxRuntimeError, onnxRuntimeErrorCodes } from './errors';
import { OnnxLoadedModel } from './OnnxLoadedModel';
import type { OnnxRuntimeOptions } from './options';
import { loadNativeSession, loadPublicSession, nativeRunAvailable, type SessionSettings } from './sessions';

/** Loads ONNX bytes into onnxruntime-node sessions. */
export class OnnxModelRuntime implements ModelRuntime {
  readonly name = 'onnxruntime-node';

  constructor(private readonly options: OnnxRuntimeOptions) {}

  async load(model: Uint8Array): Promise<OnnxLoadedModel> {
    const settings: SessionSettings = {
      intraOpNumThreads: this.options.intraOpThreads,
      // One run at a time per session: the inter-op pool would only add threads.
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: this.options.graphOptimizationLevel,
    };
    try {
      const session = (this.options.nativeRun ? loadNativeSession(model, settings) : undefined) ?? (await loadPublicSession(model, settings));
      return new OnnxLoadedModel(session);
    } catch (cause) {
      throw new OnnxRuntimeError(onnxRuntimeErrorCodes.load, `onnxruntime cannot load the model (${model.byteLength} bytes): ${(cause as Error).message}`, { cause });
    }
  }

  health() {
    const run = !this.options.nativeRun ? 'public run (nativeRun: false)' : nativeRunAvailable() ? 'native run' : 'public run (no native session in this onnxruntime-node)';
    return { ok: true, detail: `onnxruntime-node ${ort.env.versions.node ?? '?'}, ${run}` };
  }
}
