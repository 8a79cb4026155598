import type { Column } from '@mlops/frame';
import { invalidArgument } from '../errors/DriftError';
import type { ColumnDriftResult } from './ColumnDriftResult';
import { columnSample, type ColumnSample } from './columnSamples';
import { sampleDrift } from './columnDrift';
import type { DriftOptions } from './DriftOptions';
import { PreparedSamples } from './PreparedSamples';
import { resolveDriftOptions } from './resolveDriftOptions';

/** Anything with named columns: a `Frame` fits. */
export interface ColumnSource {
  readonly names: readonly string[];
  column(name: string): Column;
}

/** Per-column verdicts and the dataset verdict. */
export interface DatasetDriftResult {
  readonly columns: readonly ColumnDriftResult[];
  /** Columns that produced a statistic (skipped ones, with an empty side, are not counted). */
  readonly evaluated: number;
  readonly driftedCount: number;
  /** driftedCount / evaluated (0 when nothing was evaluated). */
  readonly share: number;
  readonly driftShare: number;
  /** share ≥ driftShare, with at least one column evaluated. */
  readonly drifted: boolean;
}

/** Dataset-level verdict from per-column results: drifted when the share of drifted columns reaches `driftShare`. */
export function summarizeDrift(columns: readonly ColumnDriftResult[], driftShare: number): DatasetDriftResult {
  const evaluated = columns.filter((c) => c.skipped === undefined).length;
  const driftedCount = columns.filter((c) => c.drifted).length;
  const share = evaluated === 0 ? 0 : driftedCount / evaluated;
  return { columns, evaluated, driftedCount, share, driftShare, drifted: evaluated > 0 && share >= driftShare };
}

/**
 * Drift of every column in `names` (default: the reference's columns, all of which the current
 * sample must have), each by its own test, then the dataset verdict. Either side may be a frame or
 * `PreparedSamples` (a reference prepared once for many windows).
 */
export function datasetDrift(reference: ColumnSource | PreparedSamples, current: ColumnSource | PreparedSamples, options: DriftOptions & { names?: readonly string[] } = {}): DatasetDriftResult {
  const resolved = resolveDriftOptions(options);
  const names = options.names ?? reference.names;
  const results = names.map((name) => {
    if (!reference.names.includes(name)) throw invalidArgument(`reference.${name}`, 'a column of the reference', 'no such column');
    if (!current.names.includes(name)) throw invalidArgument(`current.${name}`, 'a column of the current sample', 'no such column');
    return sampleDrift(name, sampleOf(reference, name, 'reference'), sampleOf(current, name, 'current'), resolved);
  });
  return summarizeDrift(results, resolved.driftShare);
}

function sampleOf(source: ColumnSource | PreparedSamples, name: string, side: string): ColumnSample {
  return source instanceof PreparedSamples ? source.sample(name) : columnSample(source.column(name), `${side}.${name}`);
}
