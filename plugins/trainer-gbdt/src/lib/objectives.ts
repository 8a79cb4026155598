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
  /** Fills `grad[k][i]`, `hess[k][i]` for every row and output. */
  gradients(margin: Float64Array, y: Float64Array, grad: Float64Array[], hess: Float64Array[]): void;
  loss(margin: Float64Array, y: Float64Array): number;
}

const EPS = 1e-15;
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

export const binaryLogistic: Objective = {
  name: 'binary',
  metric: 'logloss',
  outputs: 1,
  baseScore(y) {
    let pos = 0;
    for (let i = 0; i < y.length; i++) pos += y[i]!;
    const p = Math.min(Math.max(pos / y.length, 1e-6), 1 - 1e-6);
    return [Math.fround(Math.log(p / (1 - p)))];
  },
  gradients(margin, y, grad, hess) {
    const g = grad[0]!;
    const h = hess[0]!;
    for (let i = 0; i < y.length; i++) {
      const p = sigmoid(margin[i]!);
      g[i] = p - y[i]!;
      h[i] = Math.max(p * (1 - p), 1e-16);
    }
  },
  loss(margin, y) {
    let s = 0;
    for (let i = 0; i < y.length; i++) {
      const p = Math.min(Math.max(sigmoid(margin[i]!), EPS), 1 - EPS);
      s -= y[i]! ? Math.log(p) : Math.log(1 - p);
    }
    return s / y.length;
  },
};

export const squaredError: Objective = {
  name: 'regression',
  metric: 'rmse',
  outputs: 1,
  baseScore(y) {
    let s = 0;
    for (let i = 0; i < y.length; i++) s += y[i]!;
    return [Math.fround(s / y.length)];
  },
  gradients(margin, y, grad, hess) {
    const g = grad[0]!;
    const h = hess[0]!;
    for (let i = 0; i < y.length; i++) {
      g[i] = margin[i]! - y[i]!;
      h[i] = 1;
    }
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
    gradients(margin, y, grad, hess) {
      for (let i = 0; i < y.length; i++) {
        softmaxRow(margin, i, classes, p);
        for (let c = 0; c < classes; c++) {
          grad[c]![i] = p[c]! - (y[i] === c ? 1 : 0);
          hess[c]![i] = Math.max(p[c]! * (1 - p[c]!), 1e-16);
        }
      }
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
