import * as tf from '@tensorflow/tfjs';
import type { DenseLayer, TfjsModelData } from '../TfjsModelData';

/** The trainable tensors of a dense network. */
export interface Network {
  weights: tf.Variable[];
  biases: tf.Variable[];
}

/** tf variables holding `layers`' values. */
export function createNetwork(layers: readonly DenseLayer[]): Network {
  return {
    weights: layers.map((l) => tf.variable(tf.tensor2d(l.weights, [l.weights.length, l.bias.length], 'float32'))),
    biases: layers.map((l) => tf.variable(tf.tensor1d(l.bias, 'float32'))),
  };
}

/** Last-layer outputs (no output activation: logits or the value). */
export function runNetwork(net: Network, x: tf.Tensor2D, activation: TfjsModelData['activation']): tf.Tensor2D {
  let h = x;
  net.weights.forEach((w, l) => {
    h = tf.add(tf.matMul(h, w), net.biases[l]!);
    if (l < net.weights.length - 1) h = activation === 'relu' ? tf.relu(h) : activation === 'tanh' ? tf.tanh(h) : tf.sigmoid(h);
  });
  return h;
}

/** The variables' current values as plain numbers. */
export function readNetwork(net: Network): DenseLayer[] {
  return net.weights.map((w, l) => ({ weights: w.arraySync() as number[][], bias: net.biases[l]!.arraySync() as number[] }));
}

/** Frees the variables. */
export function disposeNetwork(net: Network): void {
  tf.dispose([...net.weights, ...net.biases]);
}
