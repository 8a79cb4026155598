import type { Column } from '@mlops/frame';
import { invalidArgument } from '../errors/DriftError';
import { chiSquareHomogeneity } from '../categorical/chiSquare';
import { jensenShannon } from '../categorical/jensenShannon';
import { zTestProportions } from '../categorical/zTestProportions';
import { ksTwoSampleSorted } from '../ks/ksTwoSample';
import { psiFromCounts } from '../numeric/psi';
import { wassersteinNormalisedSorted, wassersteinSorted } from '../numeric/wasserstein';
import { alignCounts, distinctValueCounts, quantileBinCounts, type AlignedCounts } from './alignCounts';
import { chooseTest } from './chooseTest';
import type { ColumnDriftResult } from './ColumnDriftResult';
import { columnSample, countDistinctSorted, type ColumnSample } from './columnSamples';
import type { DriftOptions, ResolvedDriftOptions } from './DriftOptions';
import type { ColumnKind } from './driftTests';
import { judge, skipped } from './judge';
import { resolveDriftOptions } from './resolveDriftOptions';

/**
 * Drift of one frame column between a reference and a current sample: picks the test (the column's
 * override or the default rule), computes it on the present values (nulls and NaNs excluded and
 * counted) and decides against the threshold (column > test > default).
 */
export function columnDrift(name: string, reference: Column, current: Column, options: DriftOptions = {}): ColumnDriftResult {
  return sampleDrift(name, columnSample(reference, `reference.${name}`), columnSample(current, `current.${name}`), resolveDriftOptions(options));
}

/** `columnDrift` on already extracted samples (also used for raw arrays). */
export function sampleDrift(name: string, ref: ColumnSample, cur: ColumnSample, options: ResolvedDriftOptions): ColumnDriftResult {
  if (ref.type !== cur.type) throw invalidArgument(`current.${name}`, `a ${ref.type === 'numeric' ? 'numeric' : 'bool or category'} column like the reference`, cur.type === 'numeric' ? 'a numeric column' : 'a bool or category column');
  const sizes = {
    referenceCount: ref.type === 'numeric' ? ref.sorted.length : ref.present,
    currentCount: cur.type === 'numeric' ? cur.sorted.length : cur.present,
    referenceNulls: ref.nulls,
    currentNulls: cur.nulls,
  };
  const kind = kindOf(ref, cur, options.maxCategoricalDistinct);
  const chosen = chooseTest(name, kind, ref.type === 'numeric', sizes.referenceCount, options);
  if (sizes.referenceCount === 0 || sizes.currentCount === 0) return skipped(name, kind, chosen, sizes);
  if (ref.type === 'numeric' && cur.type === 'numeric') {
    const a = ref.sorted;
    const b = cur.sorted;
    if (chosen.test === 'ks') {
      const ks = ksTwoSampleSorted(a, b, options.ksMethod);
      return judge(name, kind, chosen, sizes, ks.statistic, ks.pValue, ks.method);
    }
    if (chosen.test === 'wasserstein') return judge(name, kind, chosen, sizes, wassersteinSorted(a, b), null);
    if (chosen.test === 'wasserstein_norm') return judge(name, kind, chosen, sizes, wassersteinNormalisedSorted(a, b), null);
    const counts = kind === 'numeric' ? quantileBinCounts(a, b, options.bins) : distinctValueCounts(a, b);
    return countsDrift(name, kind, chosen, sizes, counts);
  }
  if (ref.type === 'counts' && cur.type === 'counts') return countsDrift(name, kind, chosen, sizes, alignCounts(ref.counts, cur.counts));
  throw invalidArgument(`current.${name}`, 'the same kind of column as the reference', cur.type);
}

/** The count-based tests (PSI, chi-square, JS, z) on aligned counts. */
export function countsDrift(name: string, kind: ColumnKind, chosen: ReturnType<typeof chooseTest>, sizes: Parameters<typeof judge>[3], counts: AlignedCounts): ColumnDriftResult {
  switch (chosen.test) {
    case 'psi':
      return judge(name, kind, chosen, sizes, psiFromCounts(counts.reference, counts.current), null);
    case 'jensenshannon':
      return judge(name, kind, chosen, sizes, jensenShannon(counts.reference, counts.current), null);
    case 'chisquare': {
      const chi = chiSquareHomogeneity(counts.reference, counts.current);
      return judge(name, kind, chosen, sizes, chi.statistic, chi.pValue);
    }
    case 'ztest': {
      // The "hit" is the last key in sorted order ("true" for bool columns).
      const hit = counts.keys.length - 1;
      const z = zTestProportions(counts.reference[hit] ?? 0, sizes.referenceCount, counts.current[hit] ?? 0, sizes.currentCount);
      return judge(name, kind, chosen, sizes, z.statistic, z.pValue);
    }
    default:
      throw invalidArgument(`columns.${name}.test`, 'a test for counts (psi, chisquare, jensenshannon, ztest)', chosen.test);
  }
}

/** numeric unless few distinct values; binary when both samples together hold at most two values. */
function kindOf(ref: ColumnSample, cur: ColumnSample, maxCategoricalDistinct: number): ColumnKind {
  if (ref.type === 'counts' && cur.type === 'counts') return new Set([...ref.counts.keys(), ...cur.counts.keys()]).size <= 2 ? 'binary' : 'categorical';
  if (ref.type !== 'numeric' || cur.type !== 'numeric') return 'categorical';
  if (ref.sorted.length === 0 || countDistinctSorted(ref.sorted, maxCategoricalDistinct) > maxCategoricalDistinct) return 'numeric';
  return unionHead(ref.sorted, cur.sorted).length <= 2 ? 'binary' : 'categorical';
}

/** Up to three distinct values from both samples, enough to tell binary from categorical. */
function unionHead(a: Float64Array, b: Float64Array): Float64Array {
  const seen = new Set<number>();
  for (const arr of [a, b]) for (let i = 0; i < arr.length && seen.size < 3; i++) if (i === 0 || arr[i] !== arr[i - 1]) seen.add(arr[i]);
  return Float64Array.from([...seen].sort((x, y) => x - y));
}
