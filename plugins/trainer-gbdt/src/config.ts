import { z } from 'zod';

/** Training parameters of the GBDT trainer; every field has a default. */
export const gbdtParams = z
  .object({
    /** `auto`: category/bool target ⇒ binary (2 classes) or multiclass; numeric ⇒ regression. */
    objective: z.enum(['auto', 'binary', 'multiclass', 'regression']).default('auto'),
    nRounds: z.number().int().min(1).max(100_000).default(100),
    learningRate: z.number().gt(0).max(10).default(0.1),
    /** `depthwise` grows level by level (XGBoost); `lossguide` splits the best leaf first (LightGBM). */
    growPolicy: z.enum(['depthwise', 'lossguide']).default('depthwise'),
    /** Maximum depth of a tree; 0 = unlimited (then bound it with `maxLeaves`). */
    maxDepth: z.number().int().min(0).max(64).default(6),
    /** Maximum leaves per tree; 0 = unlimited (then bound it with `maxDepth`). */
    maxLeaves: z.number().int().min(0).max(65_536).default(0),
    /** Fewest training rows in a leaf. */
    minSamplesLeaf: z.number().int().min(1).default(20),
    /** Smallest hessian sum in a leaf (`min_child_weight`). */
    minChildWeight: z.number().min(0).default(1e-3),
    /** L2 regularisation of leaf values (lambda). */
    l2: z.number().min(0).default(1),
    /** Smallest gain a split must bring (gamma). */
    minSplitGain: z.number().min(0).default(0),
    /** Bins per feature for non-missing values (missing values get one more). */
    maxBins: z.number().int().min(2).max(255).default(255),
    /** Rows sampled to compute bin edges. */
    binSampleSize: z.number().int().min(1000).default(200_000),
    /** Fraction of rows drawn (without replacement) for each round. */
    subsample: z.number().gt(0).max(1).default(1),
    /** Fraction of features drawn for each tree. */
    colsampleByTree: z.number().gt(0).max(1).default(1),
    /** Stop when the validation loss has not improved for this many rounds; 0 = off. */
    earlyStoppingRounds: z.number().int().min(0).default(0),
    /**
     * Threads building histograms (worker_threads on a shared WebAssembly memory). Opt-in: a model
     * trained with n threads differs from a 1-thread model in the last bits of its histogram sums.
     */
    nThreads: z.number().int().min(1).max(64).default(1),
  })
  .strict()
  .refine((p) => p.maxDepth > 0 || p.maxLeaves > 0, { message: 'set maxDepth or maxLeaves (both 0 would grow unbounded trees)' });

/** Parameters after defaults. */
export type GbdtParams = z.output<typeof gbdtParams>;
/** Parameters as a user writes them. */
export type GbdtUserParams = z.input<typeof gbdtParams>;

/**
 * Plugin options: defaults for every `fit` call's params (project-wide settings such as
 * `nRounds`). They are checked again, merged with the params, at `fit`.
 */
export const gbdtOptions = z.record(z.string(), z.unknown()).default({});

/** Options after defaults. */
export type GbdtOptions = z.output<typeof gbdtOptions>;
