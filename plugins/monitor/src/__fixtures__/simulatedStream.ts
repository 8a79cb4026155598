import { mulberry32 } from '@mlops/eval';
import type { PredictionsServedEvent } from '@mlops/core';

/**
 * A served binary classifier and the world it predicts, for CBPE tests. Each row has a score z ~ N(0, 1);
 * the model says P(class 1) = σ(2.5 z) (overconfident, so calibration matters) and the world labels
 * it 1 with probability σ(`slope` · z + 0.3): slope 1.5 is the reference concept, a smaller slope
 * is concept drift (the inputs and the model's outputs keep their distribution, the labels do not).
 */
export interface SimulatedWindow {
  events: PredictionsServedEvent[];
  /** Ground truth per request id (one row each), drawn from the world's probabilities. */
  labels: Map<string, string>;
}

export const classes = ['no', 'yes'];
const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

export function simulateWindow(options: { rows: number; seed: number; prefix: string; slope?: number; servedAt: number; callRows?: number }): SimulatedWindow {
  const random = mulberry32(options.seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const slope = options.slope ?? 1.5;
  const callRows = options.callRows ?? 50;
  const events: PredictionsServedEvent[] = [];
  const labels = new Map<string, string>();
  for (let start = 0; start < options.rows; start += callRows) {
    const n = Math.min(callRows, options.rows - start);
    const x = new Float32Array(n);
    const label = new BigInt64Array(n);
    const probabilities = new Float32Array(n * 2);
    const requests = [];
    for (let i = 0; i < n; i++) {
      const z = normal();
      x[i] = z;
      const p = sigmoid(2.5 * z);
      probabilities[i * 2] = 1 - p;
      probabilities[i * 2 + 1] = p;
      label[i] = BigInt(probabilities[i * 2 + 1]! > probabilities[i * 2]! ? 1 : 0);
      const id = `${options.prefix}-${start + i}`;
      requests.push({ id, rows: 1, latencyMs: 1 });
      labels.set(id, random() < sigmoid(slope * z + 0.3) ? 'yes' : 'no');
    }
    events.push({
      model: { name: 'churn', version: 1, alias: null, digest: 'd', signature: { task: 'binary', inputs: [], outputs: [], classes } as never, loadedAt: 0 },
      rows: n,
      inputs: { x: { data: x, dims: [n, 1] } },
      outputs: { label: { data: label, dims: [n] }, probabilities: { data: probabilities, dims: [n, 2] } },
      servedAt: options.servedAt + start,
      requests,
      inferenceMs: 0.1,
    });
  }
  return { events, labels };
}
