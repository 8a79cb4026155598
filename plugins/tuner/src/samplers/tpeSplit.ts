import type { Direction, FrozenTrial } from '../types';
import { lastStep } from '../types';
import { greedyHypervolumeSubset, hypervolume, referencePoint } from '../hypervolume';
import { nonDominatedRanks } from '../pareto';

/** Trials TPE learns from, ordered by number, with their loss key (lower is better). */
export interface Observation {
  trial: FrozenTrial;
  /** Single objective: [−∞ for complete, −last step for pruned, +∞ for a running trial's lie; signed value]; several: the signed values. */
  key: number[];
}

/**
 * Complete trials (and, with one objective, pruned ones by their last intermediate value, ranked
 * after every complete trial and deeper ones first), as Optuna's `_get_observation_pairs`. With
 * `constantLiar`, running trials that have parameters join as complete with the worst value.
 */
export function observationsOf(trials: readonly FrozenTrial[], directions: readonly Direction[], constantLiar = false): Observation[] {
  const signs = directions.map((d) => (d === 'minimize' ? 1 : -1));
  const out: Observation[] = [];
  for (const trial of trials) {
    if (trial.state === 'complete' && trial.values) out.push({ trial, key: signs.length === 1 ? [-Infinity, signs[0]! * trial.values[0]!] : trial.values.map((v, i) => signs[i]! * v) });
    else if (trial.state === 'pruned' && signs.length === 1) {
      const step = lastStep(trial);
      if (step === undefined) out.push({ trial, key: [1, 0] });
      else {
        const v = trial.intermediate.get(step)!;
        out.push({ trial, key: [-step, Number.isNaN(v) ? Infinity : signs[0]! * v] });
      }
    } else if (constantLiar && trial.state === 'running' && Object.keys(trial.internalParams).length) {
      // The lie: a trial another worker is running counts with the worst value, ranked after every
      // complete and pruned trial (Optuna's (inf, inf)), so it always lands among the "bad" trials
      // and this worker does not propose the same region again.
      out.push({ trial, key: signs.length === 1 ? [Infinity, Infinity] : signs.map(() => Infinity) });
    }
  }
  return out;
}

/**
 * Splits observations into the best `nBelow` and the rest, both kept in trial order. One objective:
 * a stable sort on the key. Several: whole non-domination fronts first, the front that does not fit
 * filled by crowding distance, or with `lastFront: 'hypervolume'` by greedy hypervolume subset
 * selection (Optuna 3.1's HSSP).
 * With `violations` (a study with constraints, as Optuna's `_split_observation_pairs`): feasible
 * trials (violation 0) come first and are split by their key; when fewer than `nBelow` are feasible,
 * the least violating infeasible ones fill "below".
 */
export function splitObservations(obs: readonly Observation[], nBelow: number, nObjectives: number, violations?: readonly number[], lastFront: 'crowding' | 'hypervolume' = 'crowding'): { below: Observation[]; above: Observation[] } {
  const idx = obs.map((_, i) => i);
  let chosen: number[];
  if (violations) {
    const byViolation = [...idx].sort((a, b) => violations[a]! - violations[b]! || a - b);
    if (nBelow >= idx.length || violations[byViolation[nBelow]!]! > 0) chosen = byViolation.slice(0, nBelow);
    else {
      const feasible = idx.filter((i) => violations[i] === 0);
      const inner = splitObservations(feasible.map((i) => obs[i]!), nBelow, nObjectives, undefined, lastFront);
      const set = new Set(inner.below);
      chosen = feasible.filter((i) => set.has(obs[i]!));
    }
  } else if (nObjectives === 1) {
    idx.sort((a, b) => cmp(obs[a]!.key, obs[b]!.key) || a - b);
    chosen = idx.slice(0, nBelow);
  } else {
    chosen = paretoSelect(obs.map((o) => o.key), nBelow, lastFront);
  }
  const set = new Set(chosen);
  return { below: obs.filter((_, i) => set.has(i)), above: obs.filter((_, i) => !set.has(i)) };
}

function cmp(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i]! < b[i]!) return -1;
    if (a[i]! > b[i]!) return 1;
  }
  return 0;
}

function paretoSelect(keys: number[][], n: number, lastFront: 'crowding' | 'hypervolume'): number[] {
  const ranks = nonDominatedRanks(keys);
  const chosen: number[] = [];
  for (let r = 0; chosen.length < n; r++) {
    const front = keys.map((_, i) => i).filter((i) => ranks[i] === r);
    if (front.length === 0) break;
    if (chosen.length + front.length <= n) chosen.push(...front);
    else {
      const points = front.map((i) => keys[i]!);
      if (lastFront === 'crowding') {
        const crowd = crowding(points);
        const order = front.map((i, j) => [i, crowd[j]!] as const).sort((a, b) => b[1] - a[1] || a[0] - b[0]);
        chosen.push(...order.slice(0, n - chosen.length).map(([i]) => i));
      }
      // Lies of running trials (+∞) have no hypervolume; they are all alike, so the first ones fill in.
      else if (!points.every((p) => p.every(Number.isFinite))) chosen.push(...front.slice(0, n - chosen.length));
      else chosen.push(...greedyHypervolumeSubset(points, n - chosen.length, referencePoint(points)).map((j) => front[j]!));
    }
  }
  return chosen;
}

/**
 * Weights of the "good" trials of several objectives, as Optuna 3.1's
 * `_calculate_weights_below_for_multi_objective`: each feasible one by the hypervolume only it adds
 * to the good set (plus 1e-12), over the largest such contribution, so trials on the edge of the
 * front shape l(x) most and dominated ones hardly at all; infeasible ones (and lies) get 1e-12.
 */
export function hypervolumeWeights(below: readonly Observation[], feasible: (o: Observation) => boolean): number[] {
  const eps = 1e-12;
  const counted = below.map((o) => feasible(o) && o.key.every(Number.isFinite));
  const points = below.filter((_, i) => counted[i]).map((o) => o.key);
  let weights: number[];
  if (points.length <= 1) weights = points.map(() => 1);
  else {
    const ref = referencePoint(points);
    const total = hypervolume(points, ref);
    const contributions = points.map((_, i) => total - hypervolume(points.filter((_, j) => j !== i), ref) + eps);
    const max = Math.max(...contributions);
    weights = contributions.map((c) => Math.min(1, Math.max(0, c / max)));
  }
  let k = 0;
  return counted.map((c) => (c ? weights[k++]! : eps));
}

function crowding(points: number[][]): number[] {
  const d = new Array<number>(points.length).fill(0);
  const m = points[0]?.length ?? 0;
  for (let k = 0; k < m; k++) {
    const order = points.map((_, i) => i).sort((a, b) => points[a]![k]! - points[b]![k]!);
    const span = points[order[order.length - 1]!]![k]! - points[order[0]!]![k]! || 1;
    d[order[0]!] = Infinity;
    d[order[order.length - 1]!] = Infinity;
    for (let j = 1; j < order.length - 1; j++) d[order[j]!] += (points[order[j + 1]!]![k]! - points[order[j - 1]!]![k]!) / span;
  }
  return d;
}

/**
 * One objective, `goodWeights: 'rank'`: the good trials' weights in l(x), in their trial order, the
 * r-th best (r = 0 the best, ties by trial order) ∝ ln((m+1)/(r+1)) (CMA-ES's recombination weights),
 * scaled to sum m as the equal weights do, so the prior keeps its 1/(m+1) share.
 */
export function rankWeights(below: readonly Observation[]): number[] {
  const m = below.length;
  const order = below.map((_, i) => i).sort((a, b) => below[a]!.key[0]! - below[b]!.key[0]! || below[a]!.key[1]! - below[b]!.key[1]! || a - b);
  const raw = new Array<number>(m);
  order.forEach((i, r) => (raw[i] = Math.log((m + 1) / (r + 1))));
  const total = raw.reduce((s, x) => s + x, 0);
  return raw.map((x) => (x * m) / total);
}
