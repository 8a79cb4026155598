import type { BinnedFeatures } from './binFeatures';
import { HIST_STRIDE, type TrainingKernel } from './trainingKernel';
import { findBestSplit, type Split, type SplitRules } from './findBestSplit';
import { emptyTree, pushNode, type Tree } from './Tree';

/** Buffers reused by every tree of a fit, so growing a tree allocates nothing per row. */
export interface GrowBuffers {
  /** Row ids (`kernel.rows`), gradients (`kernel.gh`) and the loops over them. */
  kernel: TrainingKernel;
  /** Per bin code, 1 when the current split sends it left. */
  goesLeft: Uint8Array;
  /** Histograms of finished nodes, reused by the next ones. */
  pool: Float64Array[];
}

/** How trees grow, from the params. */
export interface GrowRules extends SplitRules {
  growPolicy: 'depthwise' | 'lossguide';
  maxDepth: number;
  maxLeaves: number;
  learningRate: number;
}

/** A tree plus what training needs besides it: each split's bin and each leaf's rows. */
export interface GrownTree {
  tree: Tree;
  splitBin: number[];
  /** Per leaf `[node, start, end]`: the leaf owns `kernel.rows[start, end)` after growing. */
  leafRows: number[];
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

export function createGrowBuffers(kernel: TrainingKernel): GrowBuffers {
  return { kernel, goesLeft: new Uint8Array(256), pool: [] };
}

function buildHist(data: BinnedFeatures, buf: GrowBuffers, features: Int32Array, start: number, end: number, identity: boolean): Float64Array {
  const hist = buf.pool.pop() ?? new Float64Array(data.offsets[data.offsets.length - 1]! * HIST_STRIDE);
  buf.kernel.build(features, data.offsets, start, end, identity, hist);
  return hist;
}

/** Σg and Σh of a node from its histogram: every row falls in exactly one bin of any feature. */
function sumsOf(hist: Float64Array, offsets: Int32Array, feature: number): { G: number; H: number } {
  let G = 0;
  let H = 0;
  for (let o = offsets[feature]! * HIST_STRIDE; o < offsets[feature + 1]! * HIST_STRIDE; o += HIST_STRIDE) {
    G += hist[o]!;
    H += hist[o + 1]!;
  }
  return { G, H };
}

/** Splits a node's rows: the left child's first, then the right's; returns the first right index. */
function partition(buf: GrowBuffers, split: Split, start: number, end: number): number {
  const { goesLeft } = buf;
  for (let b = 0; b < goesLeft.length; b++) goesLeft[b] = (b === 0 ? split.defaultLeft : b <= split.bin) ? 1 : 0;
  return buf.kernel.partition(split.feature, goesLeft, start, end);
}

/** Σg, Σh over `rows[0, m)` (a root too small to split gets no histogram to read them from). */
function sumRows(kernel: TrainingKernel, m: number): { G: number; H: number } {
  const { rows, gh } = kernel;
  let G = 0;
  let H = 0;
  for (let i = 0; i < m; i++) {
    G += gh[2 * rows[i]!]!;
    H += gh[2 * rows[i]! + 1]!;
  }
  return { G, H };
}

/**
 * Grows one tree on the rows in `buf.kernel.rows[0, m)` (`identity`: they are `0..m-1`, no row
 * sampling) from histograms of the gradients in `buf.kernel.gh`. A child's histogram is built only
 * for the smaller child; the larger one's is the parent's minus it.
 */
export function growTree(
  data: BinnedFeatures,
  buf: GrowBuffers,
  m: number,
  identity: boolean,
  features: Int32Array,
  rules: GrowRules,
  importance: { gain: Float64Array; split: Float64Array },
): GrownTree {
  const tree = emptyTree();
  const splitBin: number[] = [];
  const canSplit = (depth: number, count: number) => (rules.maxDepth === 0 || depth < rules.maxDepth) && count >= 2 * rules.minSamplesLeaf;
  const root: Candidate = { node: pushNode(tree), start: 0, end: m, depth: 0, G: 0, H: 0, hist: undefined, split: undefined };
  splitBin.push(0);
  if (canSplit(0, m)) {
    root.hist = buildHist(data, buf, features, 0, m, identity);
    Object.assign(root, sumsOf(root.hist, data.offsets, features[0]!));
    root.split = findBestSplit(root.hist, data.offsets, features, root.G, root.H, m, rules);
  } else Object.assign(root, sumRows(buf.kernel, m));
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
    const mid = partition(buf, s, c.start, c.end);
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
      small.hist = buildHist(data, buf, features, small.start, small.end, false);
      const smallHist = small.hist;
      for (let i = 0; i < parentHist.length; i++) parentHist[i] -= smallHist[i]!;
      large.hist = parentHist;
      for (const child of [left, right]) {
        if (canSplit(child.depth, child.end - child.start)) child.split = findBestSplit(child.hist!, data.offsets, features, child.G, child.H, child.end - child.start, rules);
      }
    } else buf.pool.push(parentHist);
    open.push(left, right);
  }
  const leafRows: number[] = [];
  for (const leaf of leaves) {
    tree.value[leaf.node] = Math.fround((-leaf.G / (leaf.H + rules.l2)) * rules.learningRate);
    leafRows.push(leaf.node, leaf.start, leaf.end);
  }
  return { tree, splitBin, leafRows };
}
