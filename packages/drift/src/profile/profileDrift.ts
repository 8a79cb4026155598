import { invalidArgument } from '../errors/DriftError';
import { kolmogorovSf } from '../ks/kolmogorovSf';
import { ksTwoSampleSorted } from '../ks/ksTwoSample';
import { binCountsSorted, quantileEdges } from '../numeric/psi';
import { minNormalisingStd, wassersteinSorted } from '../numeric/wasserstein';
import { alignCounts } from '../select/alignCounts';
import { chooseTest } from '../select/chooseTest';
import type { ColumnDriftResult } from '../select/ColumnDriftResult';
import { countsDrift } from '../select/columnDrift';
import { summarizeDrift, type DatasetDriftResult } from '../select/datasetDrift';
import type { DriftOptions, ResolvedDriftOptions } from '../select/DriftOptions';
import type { ColumnKind } from '../select/driftTests';
import { judge, skipped, type SampleSizes } from '../select/judge';
import { resolveDriftOptions } from '../select/resolveDriftOptions';
import type { ColumnProfile, DatasetProfile } from './DatasetProfile';
import type { NumericProfile } from './NumericProfile';
import { sketchBinCounts, sketchKsStatistic, sketchQuantileEdges, sketchWasserstein } from './sketchStatistics';

/**
 * Drift between two profiles (e.g. the training reference and a merged serving window) without
 * the raw rows: the same tests, thresholds and default selection as `datasetDrift`. Counts columns
 * and low-cardinality numeric columns are exact. Numeric columns are exact while both sketches are
 * uncompacted (fewer values than the sketch holds); otherwise statistics come from the sketches,
 * `method: 'sketch'`, with KS D and PSI bin shares off by at most the two sketches' rank errors, and
 * the KS p-value is kstwo.sf(D, round(n·m/(n+m))) with the true counts.
 */
export function profileDrift(reference: DatasetProfile, current: DatasetProfile, options: DriftOptions & { names?: readonly string[] } = {}): DatasetDriftResult {
  const resolved = resolveDriftOptions(options);
  const names = options.names ?? [...reference.columns.keys()];
  const results = names.map((name) => {
    const ref = reference.columns.get(name);
    const cur = current.columns.get(name);
    if (ref === undefined) throw invalidArgument(`reference.${name}`, 'a profiled column', 'no such column');
    if (cur === undefined) throw invalidArgument(`current.${name}`, 'a profiled column', 'no such column');
    return columnProfileDrift(name, ref, cur, resolved);
  });
  return summarizeDrift(results, resolved.driftShare);
}

/** Drift of one column between two column profiles. */
export function columnProfileDrift(name: string, ref: ColumnProfile, cur: ColumnProfile, options: ResolvedDriftOptions): ColumnDriftResult {
  const sizes: SampleSizes = { referenceCount: ref.count, currentCount: cur.count, referenceNulls: ref.nullCount, currentNulls: cur.nullCount };
  if (ref.kind === 'counts' && cur.kind === 'counts') {
    const kind: ColumnKind = new Set([...ref.counts.keys(), ...cur.counts.keys()]).size <= 2 ? 'binary' : 'categorical';
    const chosen = chooseTest(name, kind, false, ref.count, options);
    if (ref.count === 0 || cur.count === 0) return skipped(name, kind, chosen, sizes);
    return countsDrift(name, kind, chosen, sizes, alignCounts(ref.counts, cur.counts));
  }
  if (ref.kind === 'numeric' && cur.kind === 'numeric') return numericProfileDrift(name, ref, cur, sizes, options);
  throw invalidArgument(`current.${name}`, `a ${ref.kind} profile like the reference`, `a ${cur.kind} profile`);
}

function numericProfileDrift(name: string, ref: NumericProfile, cur: NumericProfile, sizes: SampleSizes, options: ResolvedDriftOptions): ColumnDriftResult {
  // Few distinct reference values, counted exactly on both sides: compare as categories. When the
  // current window has many values it is compared as numbers instead (its counts are not kept).
  const few = ref.distinct !== null && cur.distinct !== null && ref.count > 0 && ref.distinct.size <= options.maxCategoricalDistinct;
  const kind: ColumnKind = !few ? 'numeric' : new Set([...ref.distinct!.keys(), ...cur.distinct!.keys()]).size <= 2 ? 'binary' : 'categorical';
  const chosen = chooseTest(name, kind, true, ref.count, options);
  if (ref.count === 0 || cur.count === 0) return skipped(name, kind, chosen, sizes);
  const a = ref.sketch.view();
  const b = cur.sketch.view();
  const exact = ref.sketch.exact && cur.sketch.exact;
  const sketched = exact ? undefined : ('sketch' as const);
  switch (chosen.test) {
    case 'ks': {
      if (exact) {
        const ks = ksTwoSampleSorted(a.values, b.values, options.ksMethod);
        return judge(name, kind, chosen, sizes, ks.statistic, ks.pValue, ks.method);
      }
      const d = sketchKsStatistic(a, b);
      const effective = Math.round((ref.count * cur.count) / (ref.count + cur.count));
      return judge(name, kind, chosen, sizes, d, kolmogorovSf(Math.max(1, effective), d), 'sketch');
    }
    case 'wasserstein':
    case 'wasserstein_norm': {
      const w = exact ? wassersteinSorted(a.values, b.values) : sketchWasserstein(a, b);
      const statistic = chosen.test === 'wasserstein' ? w : w / Math.max(ref.std, minNormalisingStd);
      return judge(name, kind, chosen, sizes, statistic, null, sketched);
    }
    default: {
      if (kind !== 'numeric') {
        const key = (m: Map<number, number>) => new Map([...m].map(([v, c]) => [String(v), c]));
        return countsDrift(name, kind, chosen, sizes, alignCounts(key(ref.distinct!), key(cur.distinct!)));
      }
      const edges = exact ? quantileEdges(a.values, options.bins) : sketchQuantileEdges(a, options.bins);
      const counts = exact ? { reference: binCountsSorted(a.values, edges), current: binCountsSorted(b.values, edges) } : { reference: sketchBinCounts(a, edges), current: sketchBinCounts(b, edges) };
      const keys = Array.from({ length: edges.length + 1 }, (_, k) => String(k));
      const result = countsDrift(name, kind, chosen, sizes, { keys, ...counts });
      return sketched ? { ...result, method: sketched } : result;
    }
  }
}

/** Where a window's mean and std sit relative to the baseline, in baseline standard deviations. */
export interface BaselineShift {
  readonly referenceMean: number;
  readonly referenceStd: number;
  readonly currentMean: number;
  readonly currentStd: number;
  /** (current mean − reference mean) / reference std. */
  readonly meanShift: number;
  /** (current std − reference std) / reference std. */
  readonly stdShift: number;
}

/**
 * Mean and std of a window against the baseline's (population std, ddof = 0), for rules such as
 * "alert when |meanShift| > 2 or |stdShift| > 2". A constant baseline (std 0) gives ±Infinity for
 * any change and 0 for none.
 */
export function baselineShift(reference: NumericProfile, current: NumericProfile): BaselineShift {
  const rs = reference.std;
  const cs = current.std;
  const ratio = (d: number) => (d === 0 ? 0 : d / rs);
  return { referenceMean: reference.mean, referenceStd: rs, currentMean: current.mean, currentStd: cs, meanShift: ratio(current.mean - reference.mean), stdShift: ratio(cs - rs) };
}
