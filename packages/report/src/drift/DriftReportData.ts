/**
 * The input of the drift report: aggregates only (shares per bin, statistics, verdicts), never raw
 * rows, so its size depends on the number of features and bins, not on the number of rows. It is
 * also the report's JSON file. `validateDriftReport` checks a parsed JSON value against it.
 */
export interface DriftReportData {
  /** Heading of the page; default `Drift report: <model>`. */
  title?: string;
  /** When the report was made (ISO 8601), shown as given: rendering never reads the clock. */
  generatedAt?: string;
  summary: DriftReportSummary;
  features: FeatureDrift[];
  /**
   * Output drift: the model's outputs (the prediction distribution, e.g. `output.label`,
   * `output.probabilities[1]`) judged like features, shown in their own summary table and sections,
   * and not counted in the dataset verdict (which is about the inputs).
   */
  outputs?: FeatureDrift[];
  performance?: PerformancePanel;
  alerts?: ReportAlert[];
}

/** Which model, which window, and the dataset-level verdict. */
export interface DriftReportSummary {
  model: { name: string; alias?: string; version: string | number };
  /** The current window compared with the reference (ISO 8601 strings, shown as given). */
  window: { start: string; end: string };
  referenceRows: number;
  currentRows: number;
  /** `drifted` when `share` (drifted features / features) ≥ `threshold`. */
  datasetDrift: { drifted: boolean; share: number; threshold: number };
}

/** How a feature's values were compared. */
export type FeatureKind = 'numeric' | 'categorical' | 'binary';

/** The verdict on one feature with the facts that produced it, and its two histograms. */
export interface FeatureDrift {
  name: string;
  kind: FeatureKind;
  /** Test name as the drift library reports it (`ks`, `psi`, `chisquare`, ...). */
  test: string;
  /** null when the test was skipped (see `skipped`). */
  statistic: number | null;
  /** null for distance tests (PSI, Wasserstein, Jensen–Shannon) and skipped tests. */
  pValue: number | null;
  threshold: number;
  drifted: boolean;
  /** How the p-value was computed (`exact`, `asymp`, `sketch`), when it matters. */
  method?: string;
  /** Why no statistic was computed (e.g. an empty side). */
  skipped?: string;
  /** Share of null values on each side, when known. */
  referenceNullShare?: number;
  currentNullShare?: number;
  histogram: ReportHistogram;
}

/** Reference and current shares (each in [0, 1]) on the same bins; build it with `histogramFromCounts`. */
export type ReportHistogram = NumericHistogram | CategoricalHistogram;

/** `edges` has one more entry than the share arrays; bin i is [edges[i], edges[i+1]). */
export interface NumericHistogram {
  kind: 'numeric';
  edges: number[];
  reference: number[];
  current: number[];
}

/** One share per category; `otherCategories` says how many categories the last bin (`other`) merges. */
export interface CategoricalHistogram {
  kind: 'categorical';
  categories: string[];
  reference: number[];
  current: number[];
  otherCategories?: number;
}

/** Estimated and realized performance next to each other; estimates are labelled as such. */
export interface PerformancePanel {
  /** How the estimates were made, e.g. `CBPE, calibrated on the reference`. */
  method?: string;
  /** Rows of the window whose label has arrived (realized metrics use only these). */
  labelledRows?: number;
  /** Shown prominently above the metrics, e.g. why the estimate is not valid for this window. */
  warning?: string;
  metrics: PerformanceMetric[];
}

/** One metric: any of reference, estimated and realized may be missing (null or absent). */
export interface PerformanceMetric {
  name: string;
  reference?: number | null;
  estimated?: number | null;
  realized?: number | null;
  /** Short labels shown as badges, e.g. `degraded`, `estimate invalid`. */
  flags?: string[];
}

/** An alert that fired in the window. */
export interface ReportAlert {
  /** ISO 8601, shown as given. */
  time: string;
  rule: string;
  severity?: 'info' | 'warning' | 'critical';
  message: string;
  feature?: string;
}
