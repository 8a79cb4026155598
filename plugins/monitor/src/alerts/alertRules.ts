import { z } from 'zod';

const testName = z.enum(['ks', 'wasserstein', 'wasserstein_norm', 'psi', 'chisquare', 'jensenshannon', 'ztest']);

/** Drift settings of the served-traffic comparison: `@mlops/drift`'s options, checked. */
export const driftSettings = z
  .object({
    /** Per-test thresholds, e.g. `{ psi: 0.2 }`; a column's own threshold wins. */
    thresholds: z.partialRecord(testName, z.number().positive()).default({}),
    /** Per-feature test and threshold (`columns.mean_radius: { test: 'psi', threshold: 0.25 }`). */
    columns: z.record(z.string(), z.object({ test: testName.optional(), threshold: z.number().positive().optional() }).strict()).default({}),
    /** Dataset drift when at least this share of the features drift. */
    driftShare: z.number().gt(0).lte(1).default(0.5),
    smallSampleSize: z.number().int().min(1).optional(),
    maxCategoricalDistinct: z.number().int().min(1).optional(),
    bins: z.number().int().min(2).optional(),
  })
  .strict();

const common = {
  /** Shown in alerts and used for the cooldown; default: the kind. */
  name: z.string().min(1).optional(),
  severity: z.enum(['info', 'warning', 'critical']).default('warning'),
  /** Also request retraining when the rule fires (the orchestrator, or a recorded request). */
  retrain: z.boolean().default(false),
};
const columns = z.array(z.string().min(1)).min(1).optional();

/**
 * One alert rule. `baseline-shift` is the seed's rule (a feature's window mean or std moved more
 * than `k` reference standard deviations); `feature-drift` fires per drifted feature by its test
 * and threshold; `dataset-drift` when the share of drifted features reaches `share`; `output-drift`
 * per drifted output (the prediction distribution); `threshold` on one column's window statistic;
 * `performance-drop` when a classifier's window accuracy, F1 or ROC-AUC (CBPE's estimate, or realized
 * on the labelled rows) is more than `maxDrop` below the version's reference (its held-out evaluation).
 */
export const alertRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('baseline-shift'), k: z.number().positive().default(2), columns, ...common }).strict(),
  z.object({ kind: z.literal('feature-drift'), columns, ...common }).strict(),
  z.object({ kind: z.literal('dataset-drift'), share: z.number().gt(0).lte(1).optional(), ...common }).strict(),
  z.object({ kind: z.literal('output-drift'), columns, ...common }).strict(),
  z
    .object({
      kind: z.literal('threshold'),
      column: z.string().min(1),
      /** `mean`, `std`, `nullRate` of the window, or the column's drift `statistic`. */
      statistic: z.enum(['mean', 'std', 'nullRate', 'statistic']),
      above: z.number().optional(),
      below: z.number().optional(),
      ...common,
    })
    .strict()
    .refine((r) => r.above !== undefined || r.below !== undefined, { message: 'above or below (a threshold rule needs a bound)', path: ['above'] }),
  z
    .object({
      kind: z.literal('performance-drop'),
      metric: z.enum(['accuracy', 'f1', 'rocAuc']),
      /** `estimated`: CBPE on every row (needs the version's `cbpe` artifact); `realized`: on the rows whose labels arrived. */
      source: z.enum(['estimated', 'realized']).default('estimated'),
      /** Fires when reference − window value > maxDrop (absolute, e.g. 0.05 = five points of accuracy). */
      maxDrop: z.number().gt(0).lt(1),
      /** The reference value; default: the metric of the version's latest registry evaluation. */
      reference: z.number().min(0).max(1).optional(),
      /** Realized only: fewer labelled rows than this are too noisy to alert on. */
      minLabels: z.number().int().min(1).default(100),
      ...common,
    })
    .strict(),
]);

/** The performance rules: evaluated only when the monitor can read performance (it is the feedback sink). */
export type PerformanceDropRule = Extract<AlertRule, { kind: 'performance-drop' }>;

export type AlertRule = z.output<typeof alertRule>;
export type DriftSettings = z.output<typeof driftSettings>;

/** Used when `rules` is not configured: the seed's 2σ rule, and dataset drift asking for retraining. */
export const defaultAlertRules: z.input<typeof alertRule>[] = [
  { kind: 'baseline-shift', k: 2 },
  { kind: 'dataset-drift', severity: 'critical', retrain: true },
];
