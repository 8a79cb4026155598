import type { FitOptions } from '@mlops/core';
import type { Frame } from '@mlops/frame';
import * as tf from '@tensorflow/tfjs';
import type { TfjsParams } from './config';
import { TfjsError, tfjsErrorCodes } from './errors';
import { TfjsModel } from './TfjsModel';
import type { DenseLayer } from './TfjsModelData';
import { mulberry32 as createRng } from '@mlops/eval';
import { encodeTarget, type EncodedTarget } from './lib/encodeTarget';
import { initLayers } from './lib/initLayers';
import { createNetwork, disposeNetwork, readNetwork, runNetwork, type Network } from './lib/network';
import { readFeatures, selectFeatureNames } from './lib/readFeatures';
import { selectBackend } from '@mlops/tfjs-backend';
import { shuffledIndices } from './lib/shuffle';

/** Extra hooks of {@link fitTfjs}. */
export interface FitTfjsHooks {
  /** Told which backend runs, e.g. the plugin's logger. */
  log?: (message: string) => void;
}

/** Targets as a tensor: 0/1 column (binary), one-hot (multiclass) or the standardised value. */
function targetTensor(enc: EncodedTarget, scale: { mean: number; std: number }): tf.Tensor2D {
  const n = enc.y.length;
  if (enc.task === 'multiclass') return tf.tidy(() => tf.oneHot(tf.tensor1d(Int32Array.from(enc.y), 'int32'), enc.classes!.length).toFloat() as tf.Tensor2D);
  if (enc.task === 'regression') return tf.tensor2d(Float32Array.from(enc.y, (v) => (v - scale.mean) / scale.std), [n, 1]);
  return tf.tensor2d(enc.y, [n, 1]);
}

/** Mean loss of the data (no penalty): log loss for classifiers, MSE on the standardised target. */
function dataLoss(task: EncodedTarget['task'], y: tf.Tensor2D, out: tf.Tensor2D): tf.Scalar {
  if (task === 'binary') return tf.losses.sigmoidCrossEntropy(y, out) as tf.Scalar;
  if (task === 'multiclass') return tf.losses.softmaxCrossEntropy(y, out) as tf.Scalar;
  return tf.losses.meanSquaredError(y, out) as tf.Scalar;
}

/** Regression is trained on a standardised target; folding the scale into the last layer gives raw values. */
function unscale(layers: DenseLayer[], scale: { mean: number; std: number }): DenseLayer[] {
  const last = layers[layers.length - 1]!;
  return [...layers.slice(0, -1), { weights: last.weights.map((row) => row.map((w) => w * scale.std)), bias: last.bias.map((b) => b * scale.std + scale.mean) }];
}

function standardisation(enc: EncodedTarget): { mean: number; std: number } {
  if (enc.task !== 'regression') return { mean: 0, std: 1 };
  const n = enc.y.length;
  const mean = enc.y.reduce((s, v) => s + v, 0) / n;
  const std = Math.sqrt(enc.y.reduce((s, v) => s + (v - mean) ** 2, 0) / n) || 1;
  return { mean, std };
}

/**
 * Trains a dense network with Adam on mini-batches. Determinism: weights start from our seeded
 * generator and batches from a seeded shuffle, so the same seed, data and params give the same
 * model on a given backend (the cpu backend is exact JS arithmetic; native and wasm kernels may
 * round differently from it).
 */
export async function fitTfjs(frame: Frame, target: string, params: TfjsParams, options: FitOptions = {}, hooks: FitTfjsHooks = {}): Promise<TfjsModel> {
  const featureNames = selectFeatureNames(frame, target);
  const enc = encodeTarget(frame, target, params.objective);
  const n = frame.rowCount;
  if (!n) throw new TfjsError(tfjsErrorCodes.data, 'the training frame has no rows');
  const backend = await selectBackend(params.backend);
  hooks.log?.(`trainer-tfjs: training on the ${backend} backend`);
  const rng = createRng(options.seed ?? 0);
  const outputs = enc.task === 'multiclass' ? enc.classes!.length : 1;
  const scale = standardisation(enc);
  const lossUnit = enc.task === 'regression' ? scale.std ** 2 : 1;
  const net: Network = createNetwork(initLayers([featureNames.length, ...params.hiddenLayers, outputs], rng));
  const x = tf.tensor2d(readFeatures(frame, featureNames), [n, featureNames.length]);
  const y = targetTensor(enc, scale);
  const valid = options.validation && {
    x: tf.tensor2d(readFeatures(options.validation, featureNames), [options.validation.rowCount, featureNames.length]),
    y: targetTensor(encodeTarget(options.validation, target, enc.task === 'regression' ? 'regression' : 'classification', enc.classes), scale),
  };
  const optimizer = tf.train.adam(params.learningRate);
  const varList = [...net.weights, ...net.biases];
  const lossOf = (xs: tf.Tensor2D, ys: tf.Tensor2D) => tf.tidy(() => dataLoss(enc.task, ys, runNetwork(net, xs, params.activation)).dataSync()[0]! * lossUnit);
  let best = { loss: Infinity, epoch: 0, layers: null as DenseLayer[] | null };
  let epoch = 0;
  try {
    for (epoch = 1; epoch <= params.epochs; epoch++) {
      if (options.signal?.aborted) throw new TfjsError(tfjsErrorCodes.aborted, `tfjs training aborted at epoch ${epoch}`, { cause: options.signal.reason });
      const order = shuffledIndices(n, rng);
      for (let start = 0; start < n; start += params.batchSize) {
        tf.tidy(() => {
          const idx = tf.tensor1d(order.subarray(start, Math.min(n, start + params.batchSize)), 'int32');
          const xb = tf.gather(x, idx);
          const yb = tf.gather(y, idx);
          optimizer.minimize(() => {
            const loss = dataLoss(enc.task, yb, runNetwork(net, xb, params.activation));
            return params.l2 > 0 ? tf.add(loss, tf.mul(params.l2, tf.addN(net.weights.map((w) => tf.sum(tf.square(w)))))) : loss;
          }, false, varList);
        });
      }
      const metrics: Record<string, number> = { train_loss: lossOf(x, y) };
      if (valid) metrics.valid_loss = lossOf(valid.x, valid.y);
      const watched = metrics.valid_loss ?? metrics.train_loss!;
      if (watched < best.loss) best = { loss: watched, epoch, layers: params.earlyStoppingRounds > 0 && valid ? readNetwork(net) : null };
      const stop = options.onIteration && (await options.onIteration({ iteration: epoch, metrics })) === 'stop';
      if (stop || (valid && params.earlyStoppingRounds > 0 && epoch - best.epoch >= params.earlyStoppingRounds)) break;
    }
    const epochs = Math.min(epoch, params.epochs);
    const keepBest = best.layers !== null;
    const layers = keepBest ? best.layers! : readNetwork(net);
    return new TfjsModel({
      kind: 'tfjs-dense',
      version: 1,
      task: enc.task,
      featureNames,
      ...(enc.classes && { classes: enc.classes }),
      activation: params.activation,
      layers: enc.task === 'regression' ? unscale(layers, scale) : layers,
      backend,
      params: { ...params },
      epochs,
      bestEpoch: keepBest ? best.epoch : epochs,
    });
  } finally {
    disposeNetwork(net);
    optimizer.dispose();
    tf.dispose([x, y, ...(valid ? [valid.x, valid.y] : [])]);
  }
}
