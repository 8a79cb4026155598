/**
 * Hypervolume of points (every coordinate minimised) against a reference point: the volume of the
 * union of the boxes [p, reference]. Exact, by the WFG algorithm (While et al., 2012) as Optuna 3.1's
 * `optuna._hypervolume.WFG`, with a sweep for two objectives. Points not better than the reference
 * in every coordinate add nothing. Meant for the few dozen points TPE's "good" set holds.
 */
export function hypervolume(points: readonly (readonly number[])[], reference: readonly number[]): number {
  const inside = points.filter((p) => p.every((v, k) => v < reference[k]!));
  return wfg(inside, reference);
}

function wfg(points: readonly (readonly number[])[], ref: readonly number[]): number {
  if (points.length === 0) return 0;
  if (ref.length === 2) return sweep2d(points, ref);
  if (points.length === 1) return box(points[0]!, ref);
  const sorted = [...points].sort((a, b) => a[0]! - b[0]!);
  let volume = 0;
  // Each point's exclusive part: its box less what the later points cover inside it.
  for (let i = 0; i < sorted.length; i++) volume += box(sorted[i]!, ref) - wfg(limit(sorted[i]!, sorted.slice(i + 1)), ref);
  return volume;
}

function box(p: readonly number[], ref: readonly number[]): number {
  let v = 1;
  for (let k = 0; k < ref.length; k++) v *= ref[k]! - p[k]!;
  return v;
}

// The later points clipped to p's box, keeping only the non-dominated ones.
function limit(p: readonly number[], rest: readonly (readonly number[])[]): number[][] {
  const clipped = rest.map((s) => s.map((v, k) => Math.max(v, p[k]!)));
  return clipped.filter((a, i) => !clipped.some((b, j) => j !== i && weaklyDominates(b, a) && (!weaklyDominates(a, b) || j < i)));
}

function weaklyDominates(a: readonly number[], b: readonly number[]): boolean {
  for (let k = 0; k < a.length; k++) if (a[k]! > b[k]!) return false;
  return true;
}

// Two objectives: sorted by the first, each point adds the strip below the lowest second value so far.
function sweep2d(points: readonly (readonly number[])[], ref: readonly number[]): number {
  const sorted = [...points].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
  let volume = 0;
  let top = ref[1]!;
  for (const p of sorted) {
    if (p[1]! >= top) continue;
    volume += (ref[0]! - p[0]!) * (top - p[1]!);
    top = p[1]!;
  }
  return volume;
}

/**
 * Optuna's reference point for a set of losses: 1.1 × the worst value per coordinate (0.9 × when
 * that is negative), 1e-12 where it is 0, so every point lies strictly inside.
 */
export function referencePoint(points: readonly (readonly number[])[]): number[] {
  const worst = points[0]!.map((_, k) => Math.max(...points.map((p) => p[k]!)));
  return worst.map((w) => Math.max(1.1 * w, 0.9 * w) || 1e-12);
}

/**
 * Greedy hypervolume subset selection (Optuna 3.1's `_solve_hssp`, a 1 − 1/e approximation): picks
 * `size` of `points` one at a time, each time the one adding the most hypervolume to those picked.
 * Returns the picked indices in the order picked; ties go to the lower index.
 */
export function greedyHypervolumeSubset(points: readonly (readonly number[])[], size: number, reference: readonly number[]): number[] {
  // contribution[j]: what point j would add to the picked set, kept current by inclusion–exclusion.
  const contribution = points.map((p) => hypervolume([p], reference));
  const picked: number[] = [];
  const pickedPoints: (readonly number[])[] = [];
  let pickedVolume = 0;
  while (picked.length < Math.min(size, points.length)) {
    let best = -1;
    for (let j = 0; j < points.length; j++) if (contribution[j]! !== -1 && (best === -1 || contribution[j]! > contribution[best]!)) best = j;
    contribution[best] = -1;
    const chosen = points[best]!;
    for (let j = 0; j < points.length; j++) {
      if (contribution[j] === -1) continue;
      // What j's box shares with the new pick's box, beyond what the earlier picks cover.
      const shared = points[j]!.map((v, k) => Math.max(v, chosen[k]!));
      contribution[j]! -= hypervolume([...pickedPoints, shared], reference) - pickedVolume;
    }
    picked.push(best);
    pickedPoints.push(chosen);
    pickedVolume = hypervolume(pickedPoints, reference);
  }
  return picked;
}
