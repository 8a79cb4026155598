import { EPS, LogLoss, type Objective } from './objectives';

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
/** exp(−margin) is kept within these bounds, else recomputed from the margin (see addLeavesAndGradients). */
const E_MIN = 1e-300;
const E_MAX = 1e300;

/**
 * Gradient, hessian and loss term of row i from `e = exp(−margin)`, with no branch on the label:
 * p1 = 1/(1+e), p0 = 1 − p1 = e·p1 (finite since e ≤ E_MAX), h = p1·p0, and the true class has
 * probability y·p1 + (1−y)·p0.
 */
function fillRow(gh: Float64Array, i: number, e: number, yi: number, loss: LogLoss): void {
  const p1 = 1 / (1 + e);
  const p0 = e * p1;
  const h = p1 * p0;
  gh[2 * i] = p1 - yi;
  gh[2 * i + 1] = h > 1e-16 ? h : 1e-16;
  loss.add(yi * p1 + (1 - yi) * p0);
}

/**
 * Binary log loss on the margin (log-odds). Keeps `exp(−margin)` of every training row, so that
 * after a tree it is updated by one multiplication per row with the leaf's `exp(−value)` instead
 * of one `Math.exp` per row (the rounding drift is ~1e−16 per round, far below what matters).
 */
export function binaryObjective(): Objective {
  let expNeg = new Float64Array(0);
  return {
    name: 'binary',
    metric: 'logloss',
    outputs: 1,
    baseScore(y) {
      let pos = 0;
      for (let i = 0; i < y.length; i++) pos += y[i]!;
      const p = Math.min(Math.max(pos / y.length, 1e-6), 1 - 1e-6);
      return [Math.fround(Math.log(p / (1 - p)))];
    },
    gradients(margin, y, gh) {
      const out = gh[0]!;
      if (expNeg.length !== y.length) expNeg = new Float64Array(y.length);
      const loss = new LogLoss();
      for (let i = 0; i < y.length; i++) {
        const e = Math.min(Math.exp(-margin[i]!), E_MAX);
        expNeg[i] = e;
        fillRow(out, i, e, y[i]!, loss);
      }
      return loss.mean(y.length);
    },
    addLeavesAndGradients(margin, y, gh, leafOf, values) {
      if (expNeg.length !== y.length) throw new Error('addLeavesAndGradients needs a gradients() call on the same rows first');
      const factor = values.map((v) => Math.exp(-v));
      const loss = new LogLoss();
      for (let i = 0; i < y.length; i++) {
        const leaf = leafOf[i]!;
        const m = (margin[i]! += values[leaf]!);
        let e = expNeg[i]! * factor[leaf]!;
        // Out of range the product would stick at 0 or overflow: start again from the margin.
        if (!(e > E_MIN && e < E_MAX)) e = Math.min(Math.exp(-m), E_MAX);
        expNeg[i] = e;
        fillRow(gh, i, e, y[i]!, loss);
      }
      return loss.mean(y.length);
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
}
