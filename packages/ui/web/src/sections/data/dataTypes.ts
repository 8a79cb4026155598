/** `GET /api/data`. */
export interface DataOverview {
  validation: boolean;
  monitor: boolean;
  models: { name: string; aliases: Record<string, number>; latestVersion: number }[];
}

export interface ValidationSummary {
  id: string;
  name: string;
  runId: string;
  createdAt: number;
  dataset: string | null;
  passed: boolean;
  checkedAt: string | null;
  summary: { fail: number; warn: number; pass: number };
  rows: { input: number | null; output: number | null; dropped: number | null };
  baselineId: string | null;
}

export interface ValidationCheck {
  check: string;
  column?: string;
  severity: string;
  status: string;
  badCount?: number;
  message?: string;
}

export type ColumnBaseline =
  | { kind: 'numeric'; dtype: string; count: number; nullRate: number; mean: number | null; std: number | null; min: number | null; max: number | null; histogram: { edges: number[]; counts: number[] } }
  | { kind: 'categorical'; dtype: string; count: number; nullRate: number; distinct: number; frequencies: { value: string; count: number }[]; otherCount: number }
  | { kind: 'timestamp' | 'bool'; dtype: string; count: number; nullRate: number; trueCount?: number };

export interface Baseline {
  dataset?: string;
  datasetDigest?: string;
  rowCount: number;
  columns: Record<string, ColumnBaseline>;
}

export type DriftHistogram = { kind: 'numeric'; edges: number[]; reference: number[]; current: number[] } | { kind: 'categorical'; categories: string[]; reference: number[]; current: number[] };

export interface FeatureDrift {
  name: string;
  kind: string;
  test: string;
  statistic: number | null;
  pValue: number | null;
  threshold: number;
  drifted: boolean;
  skipped?: string;
  histogram: DriftHistogram;
}

export interface DriftReport {
  summary: { model: { name: string; version: string | number }; currentRows: number; referenceRows: number; datasetDrift: { drifted: boolean; share: number; threshold: number } };
  features: FeatureDrift[];
  outputs?: FeatureDrift[];
  performance?: { method?: string; labelledRows?: number; warning?: string; metrics: { name: string; reference?: number | null; estimated?: number | null; realized?: number | null; flags?: string[] }[] };
}

export interface DriftOverTime {
  model: string;
  since: number;
  until: number;
  buckets: { since: number; until: number; report: DriftReport }[];
}

export interface AlertRecord {
  id: number;
  rule: string;
  kind: string;
  model: string;
  version: number | null;
  column: string | null;
  severity: string;
  title: string;
  value: number | null;
  threshold: number | null;
  firedAt: number;
  delivered: { alertSink: string; retrainRequestId: number | null };
}
