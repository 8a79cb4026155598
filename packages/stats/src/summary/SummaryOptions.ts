import { assertNonNegativeInteger, assertPositiveInteger } from '../errors/assertArguments';

/** Options of `summarize` and `profileFrame`. */
export interface SummaryOptions {
  /** Bins of numeric histograms (default 20, numpy's default when bins is an int). */
  readonly histogramBins?: number;
  /** Most frequent categories listed per categorical column (default 50); the rest are counted in `otherCount`. */
  readonly topK?: number;
}

/** `SummaryOptions` with every default filled in. */
export interface ResolvedSummaryOptions {
  readonly histogramBins: number;
  readonly topK: number;
}

/** Fills in defaults and rejects bin counts below 1 and negative `topK`. */
export function resolveSummaryOptions(options: SummaryOptions = {}): ResolvedSummaryOptions {
  const histogramBins = options.histogramBins ?? 20;
  const topK = options.topK ?? 50;
  assertPositiveInteger('histogramBins', histogramBins);
  assertNonNegativeInteger('topK', topK);
  return { histogramBins, topK };
}
