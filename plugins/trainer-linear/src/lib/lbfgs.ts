/** Objective for the optimiser: returns f(x) and writes ∇f(x) into `grad`. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

/** Options of {@link minimizeLbfgs}. */
export interface LbfgsOptions {
  maxIter: number;
  /** Converged when max |∇f| ≤ tol (like scipy's `gtol`). */
  tol: number;
  memory: number;
  /** After each iteration; returning true stops (early stopping, pruning). */
  onIteration?: (iteration: number, x: Float64Array, f: number) => boolean | Promise<boolean>;
  signal?: AbortSignal;
}

/** Outcome of {@link minimizeLbfgs}. */
export interface LbfgsResult {
  x: Float64Array;
  f: number;
  iterations: number;
  converged: boolean;
  /** Why it ended: `gtol`, `ftol`, `maxIter`, `stopped`, `lineSearch`. */
  reason: string;
}

const dot = (a: Float64Array, b: Float64Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};
const maxAbs = (a: Float64Array) => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

/** Minimiser of the cubic through (a, fa, da) and (b, fb, db), or NaN when it has none. */
function cubicMin(a: number, fa: number, da: number, b: number, fb: number, db: number): number {
  const d1 = da + db - (3 * (fa - fb)) / (a - b);
  const disc = d1 * d1 - da * db;
  if (disc < 0) return NaN;
  const d2 = Math.sign(b - a) * Math.sqrt(disc);
  return b - ((b - a) * (db + d2 - d1)) / (db - da + 2 * d2);
}

/** f and directional derivative at x + a·p, keeping the trial point and its gradient. */
interface Probe {
  (a: number): { f: number; d: number };
}

/**
 * Step length meeting the strong Wolfe conditions (Nocedal & Wright, Algorithms 3.5 and 3.6),
 * with cubic interpolation in the zoom phase kept away from the bracket's ends.
 * Returns the step, or 0 when no acceptable step was found.
 */
function wolfeStep(probe: Probe, f0: number, d0: number, first: number): number {
  const c1 = 1e-4;
  const c2 = 0.9;
  const zoom = (lo: number, flo: number, dlo: number, hi: number, fhi: number, dhi: number): number => {
    for (let j = 0; j < 40; j++) {
      const left = Math.min(lo, hi);
      const width = Math.abs(hi - lo);
      let a = cubicMin(lo, flo, dlo, hi, fhi, dhi);
      if (!Number.isFinite(a) || a < left + 0.1 * width || a > left + 0.9 * width) a = (lo + hi) / 2;
      const { f, d } = probe(a);
      if (f > f0 + c1 * a * d0 || f >= flo) {
        hi = a;
        fhi = f;
        dhi = d;
      } else {
        if (Math.abs(d) <= -c2 * d0) return a;
        if (d * (hi - lo) >= 0) {
          hi = lo;
          fhi = flo;
          dhi = dlo;
        }
        lo = a;
        flo = f;
        dlo = d;
      }
      if (width < 1e-16 * Math.max(1, Math.abs(lo))) break;
    }
    // The bracket collapsed: the best point seen still decreases f (sufficient decrease held at lo).
    return lo;
  };
  let aPrev = 0;
  let fPrev = f0;
  let dPrev = d0;
  let a = first;
  for (let i = 0; i < 40; i++) {
    const { f, d } = probe(a);
    if (!Number.isFinite(f) || f > f0 + c1 * a * d0 || (i > 0 && f >= fPrev)) return zoom(aPrev, fPrev, dPrev, a, Number.isFinite(f) ? f : Infinity, Number.isFinite(d) ? d : 0);
    if (Math.abs(d) <= -c2 * d0) return a;
    if (d >= 0) return zoom(a, f, d, aPrev, fPrev, dPrev);
    aPrev = a;
    fPrev = f;
    dPrev = d;
    a *= 2;
  }
  return aPrev;
}

/**
 * Limited-memory BFGS with a strong-Wolfe line search on an exact objective and gradient.
 * Deterministic: no randomness, a fixed order of floating-point operations.
 */
export async function minimizeLbfgs(objective: Objective, x0: Float64Array, options: LbfgsOptions): Promise<LbfgsResult> {
  const n = x0.length;
  const x = Float64Array.from(x0);
  const g = new Float64Array(n);
  let f = objective(x, g);
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const p = new Float64Array(n);
  const xt = new Float64Array(n);
  const gt = new Float64Array(n);
  const alpha = new Float64Array(options.memory);
  let lastA = NaN;
  let lastF = NaN;
  const probe: Probe = (a) => {
    for (let i = 0; i < n; i++) xt[i] = x[i]! + a * p[i]!;
    lastF = objective(xt, gt);
    lastA = a;
    return { f: lastF, d: dot(gt, p) };
  };
  if (maxAbs(g) <= options.tol) return { x, f, iterations: 0, converged: true, reason: 'gtol' };
  for (let iter = 1; iter <= options.maxIter; iter++) {
    if (options.signal?.aborted) throw options.signal.reason ?? new Error('aborted');
    // Two-loop recursion: p = −H·g with H from the stored pairs.
    for (let i = 0; i < n; i++) p[i] = -g[i]!;
    for (let k = S.length - 1; k >= 0; k--) {
      alpha[k] = rho[k]! * dot(S[k]!, p);
      for (let i = 0; i < n; i++) p[i]! -= alpha[k]! * Y[k]![i]!;
    }
    if (S.length) {
      const last = S.length - 1;
      const gamma = dot(S[last]!, Y[last]!) / dot(Y[last]!, Y[last]!);
      for (let i = 0; i < n; i++) p[i]! *= gamma;
    }
    for (let k = 0; k < S.length; k++) {
      const beta = rho[k]! * dot(Y[k]!, p);
      for (let i = 0; i < n; i++) p[i]! += (alpha[k]! - beta) * S[k]![i]!;
    }
    let d0 = dot(g, p);
    if (!(d0 < 0)) {
      // Not a descent direction (curvature information went stale): restart from steepest descent.
      S.length = Y.length = rho.length = 0;
      for (let i = 0; i < n; i++) p[i] = -g[i]!;
      d0 = dot(g, p);
    }
    const first = S.length ? 1 : Math.min(1, 1 / Math.sqrt(-d0));
    const a = wolfeStep(probe, f, d0, first);
    if (!(a > 0)) return { x, f, iterations: iter - 1, converged: false, reason: 'lineSearch' };
    if (lastA !== a) probe(a);
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = xt[i]! - x[i]!;
      y[i] = gt[i]! - g[i]!;
    }
    const fPrev = f;
    x.set(xt);
    g.set(gt);
    f = lastF;
    const sy = dot(s, y);
    // Keep only pairs with positive curvature, so H stays positive definite.
    if (sy > 1e-10 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (S.length === options.memory) {
        S.shift();
        Y.shift();
        rho.shift();
      }
      S.push(s);
      Y.push(y);
      rho.push(1 / sy);
    }
    if (options.onIteration && (await options.onIteration(iter, x, f))) return { x, f, iterations: iter, converged: false, reason: 'stopped' };
    if (maxAbs(g) <= options.tol) return { x, f, iterations: iter, converged: true, reason: 'gtol' };
    // scipy's factr-style test: no relative progress left at double precision.
    if ((fPrev - f) / Math.max(Math.abs(fPrev), Math.abs(f), 1) <= 64 * Number.EPSILON) return { x, f, iterations: iter, converged: true, reason: 'ftol' };
  }
  return { x, f, iterations: options.maxIter, converged: false, reason: 'maxIter' };
}
