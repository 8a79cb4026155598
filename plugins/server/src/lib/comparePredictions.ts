import type { Prediction } from '@mlops/serving';

/** How far a candidate's answers are from the served ones, for one request. */
export interface PredictionComparison {
  rows: number;
  /** Rows with the same label (classifiers); for regressors, rows whose values differ by < 1e-6. */
  sameLabel: number;
  /** Largest absolute difference of any class probability (or value). */
  maxAbsDiff: number;
}

/** Compares two prediction lists row by row. */
export function comparePredictions(served: readonly Prediction[], candidate: readonly Prediction[]): PredictionComparison {
  let sameLabel = 0;
  let maxAbsDiff = 0;
  const rows = Math.min(served.length, candidate.length);
  for (let i = 0; i < rows; i++) {
    const a = served[i]!;
    const b = candidate[i]!;
    if ('value' in a && 'value' in b) {
      const d = Math.abs(a.value - b.value);
      maxAbsDiff = Math.max(maxAbsDiff, d);
      if (d < 1e-6) sameLabel++;
    } else if ('label' in a && 'label' in b) {
      if (a.label === b.label) sameLabel++;
      for (const [cls, p] of Object.entries(a.probabilities)) maxAbsDiff = Math.max(maxAbsDiff, Math.abs(p - (b.probabilities[cls] ?? 0)));
    }
  }
  return { rows, sameLabel, maxAbsDiff };
}
