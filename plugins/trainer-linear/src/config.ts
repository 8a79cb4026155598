import { z } from 'zod';

/** Training parameters of logistic regression (scikit-learn's parameterisation); every field has a default. */
export const logisticParams = z
  .object({
    /** Inverse L2 strength: the objective is `C · Σ logloss + ½‖w‖²` (intercepts unpenalised). */
    C: z.number().gt(0).default(1),
    /** Stop when the largest gradient entry of the per-row objective is at most `tol`. */
    tol: z.number().gt(0).default(1e-6),
    /** Most L-BFGS iterations. */
    maxIter: z.number().int().min(1).max(1_000_000).default(1000),
    /** Pairs of (step, gradient change) kept by L-BFGS. */
    memory: z.number().int().min(1).max(100).default(10),
    fitIntercept: z.boolean().default(true),
  })
  .strict();

/** Logistic params after defaults. */
export type LogisticParams = z.output<typeof logisticParams>;
/** Logistic params as a user writes them. */
export type LogisticUserParams = z.input<typeof logisticParams>;

/** Training parameters of least squares / ridge regression. */
export const linearRegressionParams = z
  .object({
    /** L2 strength on the weights (`‖y − Xw − b‖² + alpha‖w‖²`); 0 = ordinary least squares. */
    alpha: z.number().min(0).default(0),
    fitIntercept: z.boolean().default(true),
  })
  .strict();

/** Regression params after defaults. */
export type LinearRegressionParams = z.output<typeof linearRegressionParams>;
/** Regression params as a user writes them. */
export type LinearRegressionUserParams = z.input<typeof linearRegressionParams>;

/**
 * Plugin options: defaults for every `fit` call's params. They are checked again, merged with
 * the call's params, at `fit`.
 */
export const linearOptions = z.record(z.string(), z.unknown()).default({});

/** Options after defaults. */
export type LinearOptions = z.output<typeof linearOptions>;
