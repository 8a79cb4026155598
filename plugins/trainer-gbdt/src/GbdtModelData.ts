import type { Tree } from './lib/Tree';

/** A GBDT model as plain data (what `toJSON()` returns and `load` reads). */
export interface GbdtModelData {
  kind: 'gbdt';
  version: 1;
  task: 'binary' | 'multiclass' | 'regression';
  featureNames: string[];
  classes?: string[];
  /** Starting margin per output: log-odds, class log-priors or the mean (float32-exact). */
  baseScore: number[];
  /** Margins per row: 1, or the number of classes (multiclass). */
  outputs: number;
  /** Round-major: tree `t` adds to output `t % outputs`. */
  trees: Tree[];
  /** Rounds kept (the best iteration + 1 with early stopping). */
  rounds: number;
  /** Total split gain and split count per feature, over the kept trees' training. */
  importance: { gain: number[]; split: number[] };
}
