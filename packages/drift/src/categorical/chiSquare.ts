import { invalidArgument } from '../errors/DriftError';
import { chiSquareSf } from '../special/gammaQ';

/** A chi-square statistic, its degrees of freedom and p-value. */
export interface ChiSquareResult {
  readonly statistic: number;
  readonly pValue: number;
  readonly dof: number;
}

/**
 * Chi-square test of homogeneity on the 2×k table (reference counts, current counts) —
 * scipy.stats.chi2_contingency([reference, current], correction) — over the categories seen in either
 * sample (categories empty in both are dropped, as they carry no information). dof = k − 1; with one
 * category dof = 0 and the samples trivially agree (statistic 0, p = 1, as SciPy returns). With dof = 1
 * and `correction`, Yates' continuity correction moves each observed count up to 0.5 toward its
 * expectation (SciPy's default). Symmetric in its arguments and well defined for new or vanished
 * categories, unlike the goodness-of-fit form.
 */
export function chiSquareHomogeneity(reference: ArrayLike<number>, current: ArrayLike<number>, correction = true): ChiSquareResult {
  if (reference.length !== current.length) throw invalidArgument('current', `${reference.length} categories like the reference`, `${current.length} categories`);
  const rowR = total(reference);
  const rowC = total(current);
  if (rowR === 0) throw invalidArgument('reference', 'at least one counted value', 0);
  if (rowC === 0) throw invalidArgument('current', 'at least one counted value', 0);
  const grand = rowR + rowC;
  let k = 0;
  for (let i = 0; i < reference.length; i++) if (reference[i] + current[i] > 0) k++;
  const dof = k - 1;
  if (dof <= 0) return { statistic: 0, pValue: 1, dof: 0 };
  const yates = correction && dof === 1;
  let statistic = 0;
  for (let i = 0; i < reference.length; i++) {
    const column = reference[i] + current[i];
    if (column === 0) continue;
    statistic += cell(reference[i], (rowR * column) / grand, yates) + cell(current[i], (rowC * column) / grand, yates);
  }
  return { statistic, pValue: chiSquareSf(statistic, dof), dof };
}

function cell(observed: number, expected: number, yates: boolean): number {
  let diff = observed - expected;
  if (yates) diff = Math.sign(diff) * Math.max(0, Math.abs(diff) - 0.5);
  return (diff * diff) / expected;
}

/**
 * Pearson's goodness-of-fit test of `observed` counts against `expected` counts with the same total
 * (scipy.stats.chisquare(f_obs, f_exp)), dof = k − 1 − ddof. A category with expected 0 and observed
 * > 0 makes the statistic infinite (p = 0); one that is 0 in both is dropped.
 */
export function chiSquareGoodnessOfFit(observed: ArrayLike<number>, expected: ArrayLike<number>, ddof = 0): ChiSquareResult {
  if (observed.length !== expected.length) throw invalidArgument('expected', `${observed.length} categories like observed`, `${expected.length} categories`);
  let statistic = 0;
  let k = 0;
  for (let i = 0; i < observed.length; i++) {
    if (observed[i] === 0 && expected[i] === 0) continue;
    k++;
    const diff = observed[i] - expected[i];
    statistic += expected[i] === 0 ? Infinity : (diff * diff) / expected[i];
  }
  const dof = k - 1 - ddof;
  return { statistic, pValue: dof > 0 ? chiSquareSf(statistic, dof) : NaN, dof };
}

/** Sum of counts. */
export function total(counts: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < counts.length; i++) sum += counts[i];
  return sum;
}
