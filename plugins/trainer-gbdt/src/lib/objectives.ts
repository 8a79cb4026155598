/**
 * A loss to boost: its starting margins (the prior), gradients/hessians with respect to the raw
 * margins, and the mean loss reported each round. Margins are row-major `rows × outputs`.
 */
export interface Objective {
  readonly name: 'binary' | 'multiclass' | 'regression';
  readonly metric: 'logloss' | 'rmse';
  /** Trees per round: 1, or one per class. */
  readonly outputs: number;
  baseScore(y: Float64Array): number[];
  /**
   * Fills `gh[k]` with output k's gradient and hessian of every row, interleaved (`gh[k][2i]`,
   * `gh[k][2i+1]`), and returns the mean loss at these margins (one pass for both).
   */
  gradients(margin: Float64Array, y: Float64Array, gh: Float64Array[]): number;
  /**
   * One output only, after `gradients` saw the same margins: adds `values[leafOf[i]]` to each
   * row's margin, then fills `gh` and returns the loss as `gradients` does, in the same pass.
   */
  addLeavesAndGradients?(margin: Float64Array, y: Float64Array, gh: Float64Array, leafOf: Int32Array, values: Float64Array): number;
  loss(margin: Float64Array, y: Float64Array): number;
}

/** Probabilities are clipped to [EPS, 1 − EPS] in log losses. */
export const EPS = 1e-15;

/**
 * Mean of `−log q` over probabilities q with one `Math.log` per few hundred rows instead of one per
 * row: the q are multiplied until the product nears the float64 range. Each q is floored at EPS,
 * as in `loss`.
 */
export class LogLoss {
  private sum = 0;
  private product = 1;
  add(q: number): void {
    this.product *= q > EPS ? q : EPS;
    if (this.product < 1e-280) {
      this.sum += Math.log(this.product);
      this.product = 1;
    }
  }
  mean(n: number): number {
    return -(this.sum + Math.log(this.product)) / n;
  }
}

export const squaredError: Objective = {
  name: 'regression',
  metric: 'rmse',
  outputs: 1,
  baseScore(y) {
    let s = 0;
    for (let i = 0; i < y.length; i++) s += y[i]!;
    return [Math.fround(s / y.length)];
  },
  gradients(margin, y, gh) {
    const out = gh[0]!;
    let s = 0;
    for (let i = 0; i < y.length; i++) {
      const d = margin[i]! - y[i]!;
      out[2 * i] = d;
      out[2 * i + 1] = 1;
      s += d * d;
    }
    return Math.sqrt(s / y.length);
  },
  addLeavesAndGradients(margin, y, gh, leafOf, values) {
    let s = 0;
    for (let i = 0; i < y.length; i++) {
      const d = (margin[i]! += values[leafOf[i]!]!) - y[i]!;
      gh[2 * i] = d;
      gh[2 * i + 1] = 1;
      s += d * d;
    }
    return Math.sqrt(s / y.length);
  },
  loss(margin, y) {
    let s = 0;
    for (let i = 0; i < y.length; i++) s += (margin[i]! - y[i]!) ** 2;
    return Math.sqrt(s / y.length);
  },
};

/** Softmax of `margin[i*k .. i*k+k)` into `out` (max-shifted so large margins do not overflow). */
export function softmaxRow(margin: Float64Array, i: number, k: number, out: Float64Array): void {
  let max = -Infinity;
  for (let c = 0; c < k; c++) max = Math.max(max, margin[i * k + c]!);
  let sum = 0;
  for (let c = 0; c < k; c++) sum += out[c] = Math.exp(margin[i * k + c]! - max);
  for (let c = 0; c < k; c++) out[c]! /= sum;
}

/** Multiclass softmax (cross-entropy), one tree per class per round. */
export function softmaxObjective(classes: number): Objective {
  const p = new Float64Array(classes);
  return {
    name: 'multiclass',
    metric: 'logloss',
    outputs: classes,
    baseScore(y) {
      const counts = new Float64Array(classes);
      for (let i = 0; i < y.length; i++) counts[y[i]!]! += 1;
      return Array.from(counts, (c) => Math.fround(Math.log(Math.max(c / y.length, 1e-6))));
    },
    gradients(margin, y, gh) {
      const loss = new LogLoss();
      for (let i = 0; i < y.length; i++) {
        softmaxRow(margin, i, classes, p);
        for (let c = 0; c < classes; c++) {
          gh[c]![2 * i] = p[c]! - (y[i] === c ? 1 : 0);
          gh[c]![2 * i + 1] = Math.max(p[c]! * (1 - p[c]!), 1e-16);
        }
        loss.add(p[y[i]!]!);
      }
      return loss.mean(y.length);
    },
    loss(margin, y) {
      let s = 0;
      for (let i = 0; i < y.length; i++) {
        softmaxRow(margin, i, classes, p);
        s -= Math.log(Math.max(p[y[i]!]!, EPS));
      }
      return s / y.length;
    },
  };
}
