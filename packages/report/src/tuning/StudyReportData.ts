/** A trial as `buildStudyReport` takes it: what `TuningStudy.trials()` returns, or any JSON of that shape. */
export interface StudyReportTrialInput {
  number: number;
  state: 'waiting' | 'running' | 'complete' | 'pruned' | 'fail';
  /** One per objective once complete; a pruned trial's last intermediate value. */
  values?: readonly number[];
  params: Readonly<Record<string, number | string | boolean | null>>;
  /** Intermediate values as [step, value] entries (a `Map<number, number>` fits). */
  intermediate?: Iterable<readonly [number, number]>;
  /** The study's constraint values: a trial with one > 0 is infeasible, never the best nor on the front. */
  constraints?: readonly number[];
}

/** The study to report on. */
export interface StudyReportInput {
  name: string;
  directions: ReadonlyArray<'minimize' | 'maximize'>;
  trials: readonly StudyReportTrialInput[];
  /** Seed of the importance estimate's forest and sampling (default 0), so a report is reproducible. */
  seed?: number;
  /** Estimate the importances (default true); off, the report is built in milliseconds for 10,000 trials. */
  importances?: boolean;
}

/**
 * One parameter axis. Numeric when every value the study saw is a number, else categorical
 * (`choices` in first-seen order). `log` when all values are positive, span ≥ 2 decades and bunch
 * at the low end (median in the lowest fifth): the trials do not carry their distributions, so the
 * scale is inferred from the values.
 */
export interface ParamAxis {
  name: string;
  kind: 'numeric' | 'categorical';
  log: boolean;
  min: number;
  max: number;
  choices?: Array<string | number | boolean | null>;
}

/** How much each parameter explains of the first objective, shares summing to 1. */
export interface ParamImportances {
  method: 'permutation importance on a random forest (out-of-bag)';
  /** Complete trials used (at most `maxImportanceTrials`, a seeded sample of them beyond that). */
  trials: number;
  trees: number;
  /** Largest first; every parameter of the study, 0 for one that explains nothing. */
  values: Array<{ name: string; importance: number }>;
}

/** One learning curve (intermediate values by step), at most `maxCurvePoints` points. */
export interface ReportCurve {
  number: number;
  state: 'complete' | 'pruned' | 'fail' | 'running';
  steps: number[];
  values: Array<number | null>;
}

/**
 * The report's data and its JSON file. Trials are columns in trial-number order (index i is the
 * i-th trial, not trial number i): compact for 10,000 trials and what the page's script draws from.
 */
export interface StudyReportData {
  study: { name: string; directions: Array<'minimize' | 'maximize'> };
  counts: { complete: number; pruned: number; fail: number; running: number; waiting: number };
  /** The best feasible complete trial (one objective). */
  best?: { number: number; value: number; params: Record<string, number | string | boolean | null> };
  params: ParamAxis[];
  trials: {
    number: number[];
    state: Array<'complete' | 'pruned' | 'fail' | 'running' | 'waiting'>;
    /** values[k][i]: objective k of trial i (null when it has none). */
    values: Array<Array<number | null>>;
    /** params[j][i]: parameter j of trial i, a number or a categorical's choice index (null when absent). */
    params: Array<Array<number | null>>;
    /** Best first-objective value among complete trials up to trial i (null before the first). */
    bestSoFar: Array<number | null>;
    /** Indices (not numbers) of the trials that violate a constraint (a constraint value > 0); the charts mark them apart. */
    infeasible: number[];
  };
  importances?: ParamImportances;
  curves: { total: number; shown: ReportCurve[] };
  /** Trial numbers on the Pareto front of complete trials (several objectives). */
  paretoFront?: number[];
}

/** Bounds that keep the page and the importance estimate fast however long the study. */
export const studyReportLimits = { maxCurves: 2000, maxCurvePoints: 100, maxImportanceTrials: 2000, importanceTrees: 48 } as const;
