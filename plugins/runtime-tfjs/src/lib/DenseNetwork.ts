import * as tf from '@tensorflow/tfjs';
import type { DenseModelData } from '../bundleSchema';

/** A bundle's dense layers as tf tensors, kept until `dispose`. */
export class DenseNetwork {
  private readonly weights: tf.Tensor2D[];
  private readonly biases: tf.Tensor1D[];

  constructor(private readonly model: DenseModelData) {
    this.weights = model.layers.map((l) => tf.tensor2d(l.weights, [l.weights.length, l.bias.length], 'float32'));
    this.biases = model.layers.map((l) => tf.tensor1d(l.bias, 'float32'));
  }

  /**
   * The model's answer for `rows × features` inputs, row-major: `[1 − σ(z), σ(z)]` (binary),
   * softmax (multiclass) or the value (regression). Intermediate tensors are freed by `tidy`.
   */
  predict(x: Float32Array, rows: number): Float32Array {
    const act = this.model.activation;
    const out = tf.tidy(() => {
      let h: tf.Tensor2D = tf.tensor2d(x, [rows, this.model.featureNames.length], 'float32');
      this.weights.forEach((w, l) => {
        h = tf.add(tf.matMul(h, w), this.biases[l]!);
        if (l < this.weights.length - 1) h = act === 'relu' ? tf.relu(h) : act === 'tanh' ? tf.tanh(h) : tf.sigmoid(h);
      });
      if (this.model.task === 'regression') return h;
      if (this.model.task === 'multiclass') return tf.softmax(h);
      const p = tf.sigmoid(h);
      return tf.concat([tf.sub(1, p), p], 1);
    });
    try {
      return out.dataSync() as Float32Array;
    } finally {
      out.dispose();
    }
  }

  dispose(): void {
    tf.dispose([...this.weights, ...this.biases]);
  }
}
