import { invalidArgument } from '../errors/DriftError';
import { normalTwoSidedP } from '../special/gammaQ';

/** Result of the two-proportion z-test. */
export interface ZTestResult {
  readonly statistic: number;
  readonly pValue: number;
}

/**
 * Two-sided z-test that two proportions are equal, with the pooled variance
 * p̂(1 − p̂)(1/n1 + 1/n2): z = (current share − reference share)/se. When both samples are all one
 * value the variance is 0 and the shares are equal: z = 0, p = 1. The p-value equals that of the
 * uncorrected 2×2 chi-square test (z² = χ²), which is how the cross-check verifies it.
 */
export function zTestProportions(referenceHits: number, referenceCount: number, currentHits: number, currentCount: number): ZTestResult {
  if (!(referenceCount > 0)) throw invalidArgument('referenceCount', 'a positive count', referenceCount);
  if (!(currentCount > 0)) throw invalidArgument('currentCount', 'a positive count', currentCount);
  if (!(referenceHits >= 0 && referenceHits <= referenceCount)) throw invalidArgument('referenceHits', `a count in [0, ${referenceCount}]`, referenceHits);
  if (!(currentHits >= 0 && currentHits <= currentCount)) throw invalidArgument('currentHits', `a count in [0, ${currentCount}]`, currentHits);
  const p1 = referenceHits / referenceCount;
  const p2 = currentHits / currentCount;
  const pooled = (referenceHits + currentHits) / (referenceCount + currentCount);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / referenceCount + 1 / currentCount));
  if (se === 0 || p1 === p2) return { statistic: 0, pValue: 1 };
  const z = (p2 - p1) / se;
  return { statistic: z, pValue: normalTwoSidedP(z) };
}
