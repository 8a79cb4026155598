import type { Json, MonitorWindow } from '@mlops/core';
import { columnHistograms, type BaselineShift, type ColumnDriftResult, type ColumnHistograms, type DatasetProfile } from '@mlops/drift';
import type { WindowDrift } from '../drift/windowDrift';

/** One column of a window report: the verdict, its numbers and both histograms on the same bins. */
export interface WindowReportColumn {
  column: string;
  role: 'feature' | 'output';
  kind: ColumnDriftResult['kind'];
  test: ColumnDriftResult['test'];
  statistic: number | null;
  pValue: number | null;
  threshold: number;
  thresholdSource: ColumnDriftResult['thresholdSource'];
  /** `exact` / `asymp` (KS), `sketch` (approximate, from compacted sketches), or absent (exact). */
  method: ColumnDriftResult['method'] | null;
  drifted: boolean;
  skipped: string | null;
  reference: { count: number; nulls: number; nullRate: number | null; mean: number | null; std: number | null };
  current: { count: number; nulls: number; nullRate: number | null; mean: number | null; std: number | null };
  /** Window mean and std in reference standard deviations (numeric columns). */
  shift: { mean: number | null; std: number | null } | null;
  histogram: ColumnHistograms;
}

/** What `windowReport` returns (plain JSON: aggregates only, never rows). */
export interface WindowReport {
  model: string;
  version: number;
  window: MonitorWindow;
  generatedAt: number;
  summary: {
    referenceRows: number;
    windowRows: number;
    features: number;
    driftedFeatures: number;
    driftShare: number;
    /** The configured share that makes the dataset drifted. */
    driftShareThreshold: number;
    datasetDrift: boolean;
    outputsDrifted: number;
  };
  features: WindowReportColumn[];
  outputs: WindowReportColumn[];
}

const nullRate = (count: number, nulls: number) => (count + nulls === 0 ? null : nulls / (count + nulls));
const finite = (x: number) => (Number.isFinite(x) ? x : null);

function side(profile: DatasetProfile, column: string): WindowReportColumn['reference'] {
  const p = profile.columns.get(column)!;
  const numeric = p.kind === 'numeric' && p.count > 0;
  return { count: p.count, nulls: p.nullCount, nullRate: nullRate(p.count, p.nullCount), mean: numeric ? finite(p.mean) : null, std: numeric ? finite(p.std) : null };
}

function columnOf(r: ColumnDriftResult, role: WindowReportColumn['role'], reference: DatasetProfile, current: DatasetProfile, shift: BaselineShift | undefined, bins: number): WindowReportColumn {
  return {
    column: r.column,
    role,
    kind: r.kind,
    test: r.test,
    statistic: r.statistic,
    pValue: r.pValue,
    threshold: r.threshold,
    thresholdSource: r.thresholdSource,
    method: r.method ?? null,
    drifted: r.drifted,
    skipped: r.skipped ?? null,
    reference: side(reference, r.column),
    current: side(current, r.column),
    shift: shift ? { mean: shift.meanShift, std: shift.stdShift } : null,
    histogram: columnHistograms(reference.columns.get(r.column)!, current.columns.get(r.column)!, bins),
  };
}

/** The report of one window: the summary, then every feature and output with its histograms (`bins` equal-width bins for numbers). */
export function buildWindowReport(model: string, version: number, window: MonitorWindow, reference: DatasetProfile, current: DatasetProfile, drift: WindowDrift, now: number, bins = 20): WindowReport & Json {
  const f = drift.features;
  const report: WindowReport = {
    model,
    version,
    window,
    generatedAt: now,
    summary: { referenceRows: reference.rowCount, windowRows: current.rowCount, features: f.evaluated, driftedFeatures: f.driftedCount, driftShare: f.share, driftShareThreshold: f.driftShare, datasetDrift: f.drifted, outputsDrifted: drift.outputs.driftedCount },
    features: f.columns.map((r) => columnOf(r, 'feature', reference, current, drift.shifts[r.column], bins)),
    outputs: drift.outputs.columns.map((r) => columnOf(r, 'output', reference, current, drift.shifts[r.column], bins)),
  };
  // JSON-safe: a constant baseline gives an infinite shift, which JSON cannot hold.
  return JSON.parse(JSON.stringify(report, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v))) as WindowReport & Json;
}
