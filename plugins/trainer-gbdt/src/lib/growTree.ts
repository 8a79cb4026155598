import type { BinnedFeatures } from './binFeatures';
import { findBestSplit, type Split, type SplitRules } from './findBestSplit';
import { emptyTree, pushNode, type Tree } from './Tree';

/** Buffers reused by every tree of a fit, so growing a tree allocates nothing per row. */
export interface GrowBuffers {
  /** Row ids of the current tree, partitioned in place so each node owns a contiguous range. */
  rows: Int32Array;
  tmp: Int32Array;
  /** Gradients/hessians gathered in node order (contiguous reads in the histogram loop). */
  g: Float64Array;
  h: Float64Array;
  pool: Float64Array[];
}

/** How trees grow, from the params. */
export interface GrowRules extends SplitRules {
  growPolicy: 'depthwise' | 'lossguide';
  maxDepth: number;
  maxLeaves: number;
  learningRate: number;
}

/** A tree plus what training needs besides it: each split's bin, and gain/count per feature. */
export interface GrownTree {
  tree: Tree;
  splitBin: number[];
}

interface Candidate {
  node: number;
  start: number;
  end: number;
  depth: number;
  G: number;
  H: number;
  hist: Float64Array | undefined;
  split: Split | undefined;
}

export function createGrowBuffers(rows: number): GrowBuffers {
  return { rows: new Int32Array(rows), tmp: new Int32Array(rows), g: new Float64Array(rows), h: new Float64Array(rows), pool: [] };
}

function buildHist(data: BinnedFeatures, buf: GrowBuffers, features: Int32Array, grad: Float64Array, hess: Float64Array, start: number, end: number): Float64Array {
  const hist = buf.pool.pop()?.fill(0) ?? new Float64Array(data.offsets[data.offsets.length - 1]! * 3);
  const { rows, g, h } = buf;
  const m = end - start;
  for (let i = 0; i < m; i++) {
    const r = rows[start + i]!;
    g[i] = grad[r]!;
    h[i] = hess[r]!;
  }
  const { bins, offsets } = data;
  const n = data.rows;
  let k = 0;
  // Four features per pass over the rows: the row id and its g/h are loaded once for four bins.
  for (; k + 4 <= features.length; k += 4) {
    const b0 = features[k]! * n;
    const b1 = features[k + 1]! * n;
    const b2 = features[k + 2]! * n;
    const b3 = features[k + 3]! * n;
    const o0 = offsets[features[k]!]! * 3;
    const o1 = offsets[features[k + 1]!]! * 3;
    const o2 = offsets[features[k + 2]!]! * 3;
    const o3 = offsets[features[k + 3]!]! * 3;
    for (let i = 0; i < m; i++) {
      const r = rows[start + i]!;
      const gi = g[i]!;
      const hi = h[i]!;
      let o = o0 + bins[b0 + r]! * 3;
      hist[o] += gi;
      hist[o + 1] += hi;
      hist[o + 2]! += 1;
      o = o1 + bins[b1 + r]! * 3;
      hist[o] += gi;
      hist[o + 1] += hi;
      hist[o + 2]! += 1;
      o = o2 + bins[b2 + r]! * 3;
      hist[o] += gi;
      hist[o + 1] += hi;
      hist[o + 2]! += 1;
      o = o3 + bins[b3 + r]! * 3;
      hist[o] += gi;
      hist[o + 1] += hi;
      hist[o + 2]! += 1;
    }
  }
  for (; k < features.length; k++) {
    const base = features[k]! * n;
    const off = offsets[features[k]!]! * 3;
    for (let i = 0; i < m; i++) {
      const o = off + bins[base + rows[start + i]!]! * 3;
      hist[o] += g[i]!;
      hist[o + 1] += h[i]!;
      hist[o + 2]! += 1;
    }
  }
  return hist;
}

/** Stable in-place partition of `rows[start, end)` by the split; returns the first right index. */
function partition(data: BinnedFeatures, buf: GrowBuffers, split: Split, start: number, end: number): number {
  const { rows, tmp } = buf;
  const base = split.feature * data.rows;
  const bins = data.bins;
  const missingLeft = split.defaultLeft;
  let l = start;
  let r = 0;
  for (let i = start; i < end; i++) {
    const row = rows[i]!;
    const b = bins[base + row]!;
    if (b === 0 ? missingLeft : b <= split.bin) rows[l++] = row;
    else tmp[r++] = row;
  }
  rows.set(tmp.subarray(0, r), l);
  return l;
}

/**
 * Grows one tree on the rows in `buf.rows[0, m)` from histograms of gradient statistics. A child's
 * histogram is built only for the smaller child; the larger one's is the parent's minus it.
 */
export function growTree(
  data: BinnedFeatures,
  buf: GrowBuffers,
  m: number,
  features: Int32Array,
  grad: Float64Array,
  hess: Float64Array,
  rules: GrowRules,
  importance: { gain: Float64Array; split: Float64Array },
): GrownTree {
  const tree = emptyTree();
  const splitBin: number[] = [];
  const canSplit = (depth: number, count: number) => (rules.maxDepth === 0 || depth < rules.maxDepth) && count >= 2 * rules.minSamplesLeaf;
  let G = 0;
  let H = 0;
  for (let i = 0; i < m; i++) {
    G += grad[buf.rows[i]!]!;
    H += hess[buf.rows[i]!]!;
  }
  const root: Candidate = { node: pushNode(tree), start: 0, end: m, depth: 0, G, H, hist: undefined, split: undefined };
  splitBin.push(0);
  if (canSplit(0, m)) {
    root.hist = buildHist(data, buf, features, grad, hess, 0, m);
    root.split = findBestSplit(root.hist, data.offsets, features, G, H, m, rules);
  }
  const open: Candidate[] = [root];
  const leaves: Candidate[] = [];
  let nLeaves = 1;
  while (open.length) {
    // depthwise: first in, first out (level order); lossguide: the largest gain first.
    let pick = 0;
    if (rules.growPolicy === 'lossguide') for (let i = 1; i < open.length; i++) if ((open[i]!.split?.gain ?? -1) > (open[pick]!.split?.gain ?? -1)) pick = i;
    const c = open.splice(pick, 1)[0]!;
    const s = c.split;
    if (!s || (rules.maxLeaves > 0 && nLeaves >= rules.maxLeaves)) {
      if (c.hist) buf.pool.push(c.hist);
      leaves.push(c);
      continue;
    }
    nLeaves++;
    importance.gain[s.feature] += s.gain;
    importance.split[s.feature] += 1;
    const mid = partition(data, buf, s, c.start, c.end);
    const left: Candidate = { node: pushNode(tree), start: c.start, end: mid, depth: c.depth + 1, G: s.leftG, H: s.leftH, hist: undefined, split: undefined };
    const right: Candidate = { node: pushNode(tree), start: mid, end: c.end, depth: c.depth + 1, G: c.G - s.leftG, H: c.H - s.leftH, hist: undefined, split: undefined };
    splitBin.push(0, 0);
    tree.feature[c.node] = s.feature;
    tree.threshold[c.node] = data.upper[s.feature]![s.bin - 1]!;
    tree.left[c.node] = left.node;
    tree.right[c.node] = right.node;
    tree.defaultLeft[c.node] = s.defaultLeft ? 1 : 0;
    splitBin[c.node] = s.bin;
    const parentHist = c.hist!;
    if (canSplit(left.depth, mid - c.start) || canSplit(right.depth, c.end - mid)) {
      const [small, large] = mid - c.start <= c.end - mid ? [left, right] : [right, left];
      small.hist = buildHist(data, buf, features, grad, hess, small.start, small.end);
      for (let i = 0; i < parentHist.length; i++) parentHist[i] -= small.hist[i]!;
      large.hist = parentHist;
      for (const child of [left, right]) {
        if (canSplit(child.depth, child.end - child.start)) child.split = findBestSplit(child.hist!, data.offsets, features, child.G, child.H, child.end - child.start, rules);
      }
    } else buf.pool.push(parentHist);
    open.push(left, right);
  }
  for (const leaf of leaves) tree.value[leaf.node] = Math.fround((-leaf.G / (leaf.H + rules.l2)) * rules.learningRate);
  return { tree, splitBin };
}
