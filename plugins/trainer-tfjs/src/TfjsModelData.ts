/** One dense layer as plain numbers: `weights[i][o]` maps input i to output o. */
export interface DenseLayer {
  weights: number[][];
  bias: number[];
}

/** A fitted dense network as plain data (architecture + weights, no code). */
export interface TfjsModelData {
  kind: 'tfjs-dense';
  version: 1;
  task: 'binary' | 'multiclass' | 'regression';
  featureNames: string[];
  classes?: string[];
  /** Activation after every layer but the last. */
  activation: 'relu' | 'tanh' | 'sigmoid';
  /**
   * Layers, input side first. The last one gives the logit (binary), class logits (multiclass)
   * or the value (regression; the target scaling used in training is folded into it).
   */
  layers: DenseLayer[];
  /** The tfjs backend the model was trained on (`tfjs-node`, `wasm` or `cpu`; older models say `tensorflow` for `tfjs-node`). */
  backend: string;
  params: Record<string, unknown>;
  /** Epochs run, and the epoch whose weights were kept (differs with early stopping). */
  epochs: number;
  bestEpoch: number;
}
