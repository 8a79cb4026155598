import { baselineShift, profileDrift, type BaselineShift, type DatasetDriftResult, type DatasetProfile, type DriftOptions } from '@mlops/drift';
import { isOutputColumn } from '../profiles/profileTensors';

/** Drift of a served window against the reference: features, outputs, and the baseline shifts. */
export interface WindowDrift {
  /** Input features (the dataset verdict and its share are over these only). */
  features: DatasetDriftResult;
  /** Model outputs: the prediction distribution. */
  outputs: DatasetDriftResult;
  /** Numeric columns' window mean and std against the reference, in reference standard deviations. */
  shifts: Record<string, BaselineShift>;
}

/**
 * Compares a window profile with the reference profile column by column (`profileDrift`, with the
 * configured per-test and per-column thresholds and tests). Columns the window lacks (a model
 * served with other feeds) are left out rather than failing the evaluation.
 */
export function windowDrift(reference: DatasetProfile, current: DatasetProfile, options: DriftOptions): WindowDrift {
  const shared = [...reference.columns.keys()].filter((name) => current.columns.has(name));
  const features = profileDrift(reference, current, { ...options, names: shared.filter((n) => !isOutputColumn(n)) });
  // Outputs are judged on their own; their share never counts towards dataset drift.
  const outputs = profileDrift(reference, current, { ...options, names: shared.filter(isOutputColumn) });
  const shifts: Record<string, BaselineShift> = {};
  for (const name of shared) {
    const ref = reference.columns.get(name)!;
    const cur = current.columns.get(name)!;
    if (ref.kind === 'numeric' && cur.kind === 'numeric' && ref.count > 0 && cur.count > 0) shifts[name] = baselineShift(ref, cur);
  }
  return { features, outputs, shifts };
}
