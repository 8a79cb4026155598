import type { Distribution } from '../distributions';
import type { FrozenTrial } from '../types';

/**
 * Optuna's group-decomposed search space: the parameters of complete and pruned trials partitioned
 * so that parameters always suggested together (in every trial that has one of them, it has all)
 * share a group. Each trial's parameter set splits every group it cuts into the part inside and the
 * part outside it, and its new parameters form one more group. A conditional space thus falls apart
 * into its branches, and each branch can be sampled jointly by multivariate TPE.
 */
export function groupDecomposition(trials: readonly FrozenTrial[]): Record<string, Distribution>[] {
  let groups: Record<string, Distribution>[] = [];
  for (const trial of trials) {
    if (trial.state !== 'complete' && trial.state !== 'pruned') continue;
    const fresh = new Set(Object.keys(trial.distributions));
    const next: Record<string, Distribution>[] = [];
    for (const group of groups) {
      const inside: Record<string, Distribution> = {};
      const outside: Record<string, Distribution> = {};
      for (const [name, dist] of Object.entries(group)) {
        (fresh.has(name) ? inside : outside)[name] = dist;
        fresh.delete(name);
      }
      next.push(inside, outside);
    }
    next.push(Object.fromEntries([...fresh].map((name) => [name, trial.distributions[name]!])));
    groups = next.filter((g) => Object.keys(g).length > 0);
  }
  return groups;
}
