/** Whether a dominates b: no worse in every (minimised) coordinate and better in one. */
export function dominates(a: readonly number[], b: readonly number[]): boolean {
  let better = false;
  for (let i = 0; i < a.length; i++) {
    if (a[i]! > b[i]!) return false;
    if (a[i]! < b[i]!) better = true;
  }
  return better;
}

/** Non-domination rank of each point (0 = the Pareto front), all coordinates minimised. O(n²·m) per front. */
export function nonDominatedRanks(points: readonly (readonly number[])[]): number[] {
  const ranks = new Array<number>(points.length).fill(-1);
  let left = points.length;
  for (let rank = 0; left > 0; rank++) {
    const front: number[] = [];
    for (let i = 0; i < points.length; i++) {
      if (ranks[i] !== -1) continue;
      let dominated = false;
      for (let j = 0; j < points.length && !dominated; j++) if (j !== i && ranks[j] === -1 && dominates(points[j]!, points[i]!)) dominated = true;
      if (!dominated) front.push(i);
    }
    for (const i of front) ranks[i] = rank;
    left -= front.length;
  }
  return ranks;
}
