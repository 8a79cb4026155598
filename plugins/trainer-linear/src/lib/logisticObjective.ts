import type { Objective } from './lbfgs';

/** Layout of the parameter vector: K blocks of `p` weights followed by the intercept. */
export interface LogisticShape {
  rows: number;
  p: number;
  /** 1 for binary (one log-odds), the class count for multinomial. */
  K: number;
  fitIntercept: boolean;
}

/**
 * scikit-learn's objective `C·Σ logloss + ½‖W‖²` divided by `C·n`, i.e. mean log loss plus
 * `‖W‖² / (2·C·n)`: the same minimiser, but gradients no longer grow with n, so one `tol`
 * suits any data size. Intercepts are not penalised. With `fitIntercept` false the intercept
 * slots stay at 0 (their gradient is zeroed).
 */
export function logisticObjective(x: Float64Array, y: Float64Array, shape: LogisticShape, C: number): Objective {
  const { rows, p, K, fitIntercept } = shape;
  const stride = p + 1;
  const z = new Float64Array(K);
  const lambda = 1 / (C * rows);
  return (theta, grad) => {
    grad.fill(0);
    let loss = 0;
    for (let i = 0; i < rows; i++) {
      const off = i * p;
      for (let k = 0; k < K; k++) {
        let s = theta[k * stride + p]!;
        for (let j = 0; j < p; j++) s += theta[k * stride + j]! * x[off + j]!;
        z[k] = s;
      }
      if (K === 1) {
        const m = z[0]!;
        loss += (m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m))) - y[i]! * m;
        // σ(m) − y, with σ written to avoid exp overflow for large |m|.
        const e = m >= 0 ? 1 / (1 + Math.exp(-m)) : Math.exp(m) / (1 + Math.exp(m));
        z[0] = e - y[i]!;
      } else {
        let max = -Infinity;
        for (let k = 0; k < K; k++) max = Math.max(max, z[k]!);
        let sum = 0;
        for (let k = 0; k < K; k++) sum += Math.exp(z[k]! - max);
        const lse = max + Math.log(sum);
        loss += lse - z[y[i]!]!;
        for (let k = 0; k < K; k++) z[k] = Math.exp(z[k]! - lse) - (k === y[i] ? 1 : 0);
      }
      for (let k = 0; k < K; k++) {
        const r = z[k]!;
        for (let j = 0; j < p; j++) grad[k * stride + j]! += r * x[off + j]!;
        grad[k * stride + p]! += r;
      }
    }
    let penalty = 0;
    for (let k = 0; k < K; k++) {
      for (let j = 0; j < p; j++) {
        const w = theta[k * stride + j]!;
        penalty += w * w;
        grad[k * stride + j] = grad[k * stride + j]! / rows + lambda * w;
      }
      grad[k * stride + p] = fitIntercept ? grad[k * stride + p]! / rows : 0;
    }
    return loss / rows + 0.5 * lambda * penalty;
  };
}
