import type { LoadedModel, TensorInfo, TensorValue } from '@mlops/core';
import { TfjsRuntimeError, tfjsRuntimeErrorCodes } from './errors';
import { DenseNetwork } from './lib/DenseNetwork';
import { feedsToFeatures } from './lib/feedsToFeatures';
import { ensureBackend, type TfjsBackend } from '@mlops/tfjs-backend';
import type { ReadBundle } from './readTfjsServingBundle';

/**
 * A tfjs serving bundle ready to run. Inputs and outputs are named and shaped like a serving ONNX
 * (one `[N, 1]` tensor per raw column; `label` + `probabilities`, or `variable`), so the server's
 * feeds and predictions work unchanged.
 */
export class TfjsLoadedModel implements LoadedModel {
  readonly inputs: readonly TensorInfo[];
  readonly outputs: readonly TensorInfo[];
  private readonly network: DenseNetwork;
  private released = false;

  constructor(private readonly read: ReadBundle, private readonly backend: TfjsBackend) {
    const { bundle, classes } = read;
    this.inputs = bundle.inputs.map((i) => ({ name: i.name, type: i.type, dims: [null, 1] }));
    this.outputs =
      bundle.model.task === 'regression'
        ? [{ name: 'variable', type: 'float32', dims: [null, 1] }]
        : [{ name: 'label', type: 'string', dims: [null] }, { name: 'probabilities', type: 'float32', dims: [null, classes.length] }];
    this.network = new DenseNetwork(bundle.model);
  }

  async run(feeds: Record<string, TensorValue>): Promise<Record<string, TensorValue>> {
    if (this.released) throw new TfjsRuntimeError(tfjsRuntimeErrorCodes.released, 'run called on a released model');
    const { bundle, preprocessing, classes } = this.read;
    let rows: number;
    let x: Float32Array;
    try {
      ({ rows, x } = feedsToFeatures(feeds, bundle, preprocessing));
    } catch (cause) {
      if (cause instanceof TfjsRuntimeError) throw cause;
      throw new TfjsRuntimeError(tfjsRuntimeErrorCodes.run, `preprocessing failed: ${(cause as Error).message}`, { cause });
    }
    await ensureBackend(this.backend);
    const y = rows === 0 ? new Float32Array(0) : this.network.predict(x, rows);
    if (bundle.model.task === 'regression') return { variable: { data: y, dims: [rows, 1] } };
    return { label: { data: argmaxLabels(y, rows, classes), dims: [rows] }, probabilities: { data: y, dims: [rows, classes.length] } };
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    this.network.dispose();
  }
}

/** The most probable class per row (the first on ties, as the trainer's `predict`). */
function argmaxLabels(p: Float32Array, rows: number, classes: readonly string[]): string[] {
  const k = classes.length;
  const labels = new Array<string>(rows);
  for (let i = 0; i < rows; i++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (p[i * k + j]! > p[i * k + best]!) best = j;
    labels[i] = classes[best]!;
  }
  return labels;
}
