import { invalidArgument } from '../errors/DriftError';
import { total } from './chiSquare';

/**
 * Jensen–Shannon distance between two histograms over the same categories
 * (scipy.spatial.distance.jensenshannon(p, q, base)): both normalised to sum 1, m = (p + q)/2,
 * sqrt((KL(p‖m) + KL(q‖m))/2), natural log unless `base` is given. 0 for identical shares; at most
 * sqrt(ln 2) ≈ 0.833 (natural log) or 1 (base 2) for disjoint supports.
 */
export function jensenShannon(reference: ArrayLike<number>, current: ArrayLike<number>, base?: number): number {
  if (reference.length !== current.length) throw invalidArgument('current', `${reference.length} categories like the reference`, `${current.length} categories`);
  const r = total(reference);
  const c = total(current);
  if (!(r > 0)) throw invalidArgument('reference', 'at least one counted value', r);
  if (!(c > 0)) throw invalidArgument('current', 'at least one counted value', c);
  let divergence = 0;
  for (let i = 0; i < reference.length; i++) {
    const p = reference[i] / r;
    const q = current[i] / c;
    const m = (p + q) / 2;
    if (p > 0) divergence += p * Math.log(p / m);
    if (q > 0) divergence += q * Math.log(q / m);
  }
  divergence /= 2;
  if (base !== undefined) divergence /= Math.log(base);
  // Rounding can leave a tiny negative for identical inputs; the distance is 0 there.
  return Math.sqrt(Math.max(0, divergence));
}
