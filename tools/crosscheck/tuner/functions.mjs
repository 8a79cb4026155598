// The benchmark objectives of the tuner cross-check, written like optuna_side.py's (same names,
// ranges, suggestion order), for @mlops/tuner trials.

export function branin(t) {
  const x = t.suggestFloat('x', -5, 10);
  const y = t.suggestFloat('y', 0, 15);
  const b = 5.1 / (4 * Math.PI ** 2), c = 5 / Math.PI, tt = 1 / (8 * Math.PI);
  return (y - b * x * x + c * x - 6) ** 2 + 10 * (1 - tt) * Math.cos(x) + 10;
}

const A = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]];
const P = [[1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991], [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381]];
const ALPHA = [1.0, 1.2, 3.0, 3.2];

export function hartmann6(t) {
  const x = Array.from({ length: 6 }, (_, i) => t.suggestFloat(`x${i}`, 0, 1));
  let total = 0;
  for (let i = 0; i < 4; i++) {
    let inner = 0;
    for (let j = 0; j < 6; j++) inner += A[i][j] * (x[j] - P[i][j] * 1e-4) ** 2;
    total += ALPHA[i] * Math.exp(-inner);
  }
  return -total;
}

export function rosenbrock10(t) {
  const x = Array.from({ length: 10 }, (_, i) => t.suggestFloat(`x${i}`, -5, 10));
  let s = 0;
  for (let i = 0; i < 9; i++) s += 100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2;
  return s;
}

const PENALTY = { a: 1.0, b: 0.5, c: 0.0, d: 2.0 };

/** Categorical and conditional: which branch decides which parameters exist; optimum 0 at quad, x = 2, w = c. */
export function conditional(t) {
  const kind = t.suggestCategorical('kind', ['quad', 'abs', 'log']);
  const w = t.suggestCategorical('w', ['a', 'b', 'c', 'd']);
  let v;
  if (kind === 'quad') v = (t.suggestFloat('x', -10, 10) - 2) ** 2;
  else if (kind === 'abs') v = Math.abs(t.suggestInt('y', -10, 10) + 3) + 0.25;
  else {
    const z = t.suggestFloat('z', 1e-3, 10, { log: true });
    const s = t.suggestFloat('s', 0, 1, { step: 0.1 });
    v = (Math.log10(z) + 1) ** 2 + Math.abs(s - 0.3) + 0.1;
  }
  return v + PENALTY[w];
}

export const functions = { branin, hartmann6, rosenbrock10, conditional };
