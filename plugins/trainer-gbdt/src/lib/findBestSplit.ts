import { HIST_STRIDE } from './trainingKernel';

/** The best split of one node: value bins `1..bin` go left, missing values by `defaultLeft`. */
export interface Split {
  feature: number;
  bin: number;
  defaultLeft: boolean;
  gain: number;
  leftG: number;
  leftH: number;
  leftC: number;
}

/** Constraints of a split, from the params. */
export interface SplitRules {
  l2: number;
  minSamplesLeaf: number;
  minChildWeight: number;
  minSplitGain: number;
}

/**
 * Scans every candidate threshold of every sampled feature in a `[g, h, count, ·]` histogram and
 * returns the split of largest gain `GL²/(HL+λ) + GR²/(HR+λ) − G²/(H+λ)`, or undefined when none
 * beats `minSplitGain`. Missing values are tried on both sides (XGBoost's sparsity-aware split);
 * with no missing value in the node they follow the child with more rows.
 */
export function findBestSplit(
  hist: Float64Array,
  offsets: Int32Array,
  features: Int32Array,
  G: number,
  H: number,
  C: number,
  rules: SplitRules,
): Split | undefined {
  const { l2, minSamplesLeaf, minChildWeight } = rules;
  const parent = (G * G) / (H + l2);
  let best: Split | undefined;
  let bestGain = rules.minSplitGain;
  for (let k = 0; k < features.length; k++) {
    const f = features[k]!;
    const off = offsets[f]!;
    const nb = offsets[f + 1]! - off;
    const gm = hist[off * HIST_STRIDE]!;
    const hm = hist[off * HIST_STRIDE + 1]!;
    const cm = hist[off * HIST_STRIDE + 2]!;
    let gl = 0;
    let hl = 0;
    let cl = 0;
    for (let b = 1; b < nb; b++) {
      const o = (off + b) * HIST_STRIDE;
      gl += hist[o]!;
      hl += hist[o + 1]!;
      cl += hist[o + 2]!;
      // Missing right.
      let cr = C - cl;
      let hr = H - hl;
      if (cl >= minSamplesLeaf && cr >= minSamplesLeaf && hl >= minChildWeight && hr >= minChildWeight) {
        const gr = G - gl;
        const gain = (gl * gl) / (hl + l2) + (gr * gr) / (hr + l2) - parent;
        if (gain > bestGain) {
          bestGain = gain;
          best = { feature: f, bin: b, defaultLeft: cm === 0 && cl > cr, gain, leftG: gl, leftH: hl, leftC: cl };
        }
      }
      if (cm === 0) continue;
      // Missing left.
      const gl2 = gl + gm;
      const hl2 = hl + hm;
      const cl2 = cl + cm;
      cr = C - cl2;
      hr = H - hl2;
      if (cl2 >= minSamplesLeaf && cr >= minSamplesLeaf && hl2 >= minChildWeight && hr >= minChildWeight) {
        const gr = G - gl2;
        const gain = (gl2 * gl2) / (hl2 + l2) + (gr * gr) / (hr + l2) - parent;
        if (gain > bestGain) {
          bestGain = gain;
          best = { feature: f, bin: b, defaultLeft: true, gain, leftG: gl2, leftH: hl2, leftC: cl2 };
        }
      }
    }
  }
  return best;
}
