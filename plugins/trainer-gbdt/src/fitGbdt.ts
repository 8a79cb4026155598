import type { FitOptions } from '@mlops/core';
import type { Frame } from '@mlops/frame';
import type { GbdtParams } from './config';
import { GbdtError, gbdtErrorCodes } from './errors';
import { GbdtModel } from './GbdtModel';
import type { GbdtModelData } from './GbdtModelData';
import { addLeafValues, addTreeMargins, addTreeMarginsBinned, labelLeaves } from './lib/addTreeMargins';
import { binFeatures, type BinnedFeatures } from './lib/binFeatures';
import { mulberry32 as createRng } from '@mlops/eval';
import { sampleIndices } from './lib/sampleIndices';
import { encodeTarget } from './lib/encodeTarget';
import { createGrowBuffers, growTree } from './lib/growTree';
import { createTrainingKernel, type TrainingKernel } from './lib/trainingKernel';
import { binaryObjective } from './lib/binaryObjective';
import { softmaxObjective, squaredError, type Objective } from './lib/objectives';
import { readFeatures, selectFeatureNames } from './lib/readFeatures';
import type { Tree } from './lib/Tree';

function objectiveFor(task: GbdtModelData['task'], classes: number): Objective {
  return task === 'binary' ? binaryObjective() : task === 'multiclass' ? softmaxObjective(classes) : squaredError;
}

function initMargins(rows: number, base: readonly number[]): Float64Array {
  const K = base.length;
  const m = new Float64Array(rows * K);
  for (let i = 0; i < rows; i++) for (let k = 0; k < K; k++) m[i * K + k] = base[k]!;
  return m;
}

/** The validation set's features and target, encoded with the training classes. */
function prepareValidation(frame: Frame, target: string, featureNames: string[], classes: string[] | undefined, objective: GbdtParams['objective']) {
  const enc = encodeTarget(frame, target, objective);
  if (classes && enc.classes) {
    const index = new Map(classes.map((c, i) => [c, i]));
    enc.y = enc.y.map((v) => index.get(enc.classes![v]!) ?? -1);
    const unknown = enc.y.indexOf(-1);
    if (unknown >= 0) throw new GbdtError(gbdtErrorCodes.data, `validation target "${target}" has a class not seen in training at row ${unknown}`);
  }
  return { cols: readFeatures(frame, featureNames), y: enc.y };
}

interface BoostInput {
  data: BinnedFeatures;
  kernel: TrainingKernel;
  obj: Objective;
  y: Float64Array;
  baseScore: number[];
  valid: { cols: Float32Array[]; y: Float64Array } | undefined;
  params: GbdtParams;
  options: FitOptions;
  rng: () => number;
}

/** The boosting rounds: trees, how many rounds to keep, and the kept rounds' feature importance. */
async function boost({ data, kernel, obj, y, baseScore, valid, params, options, rng }: BoostInput) {
  const K = obj.outputs;
  const n = y.length;
  const F = data.offsets.length - 1;
  const margin = initMargins(n, baseScore);
  const validMargin = valid && initMargins(valid.y.length, baseScore);
  // One output writes its gradients straight where the kernel reads them; several are copied in per tree.
  const gh = K === 1 ? [kernel.gh] : Array.from({ length: K }, () => new Float64Array(2 * n));
  const buf = createGrowBuffers(kernel);
  const leafOf = new Int32Array(n);
  const importance = { gain: new Float64Array(F), split: new Float64Array(F) };
  const importanceByRound: { gain: Float64Array; split: Float64Array }[] = [];
  const trees: Tree[] = [];
  const nRows = Math.max(1, Math.round(params.subsample * n));
  const nCols = Math.max(1, Math.round(params.colsampleByTree * F));
  let best = { loss: Infinity, round: -1 };
  let trainLoss = obj.gradients(margin, y, gh);
  for (let round = 0; round < params.nRounds; round++) {
    if (options.signal?.aborted) throw new GbdtError(gbdtErrorCodes.aborted, `training aborted at round ${round}`, { cause: options.signal.reason });
    const rows = nRows < n ? sampleIndices(n, nRows, rng) : undefined;
    // One output without row sampling: the tree's leaf values go into the margins in the same pass
    // as the next gradients (every row sits in one leaf's range of the partitioned row ids).
    const fused = K === 1 && !rows && obj.addLeavesAndGradients ? obj.addLeavesAndGradients.bind(obj) : undefined;
    let leafValues: Float64Array | undefined;
    for (let k = 0; k < K; k++) {
      if (rows) kernel.rows.set(rows);
      else for (let i = 0; i < n; i++) kernel.rows[i] = i;
      if (K > 1) kernel.gh.set(gh[k]!);
      const features = nCols < F ? sampleIndices(F, nCols, rng) : Int32Array.from({ length: F }, (_, i) => i);
      const grown = growTree(data, buf, nRows, !rows, features, params, importance);
      trees.push(grown.tree);
      if (fused) leafValues = labelLeaves(grown, kernel.rows, leafOf);
      else if (rows) addTreeMarginsBinned(grown.tree, grown.splitBin, data.bins, n, margin, k, K);
      else addLeafValues(grown, kernel.rows, margin, k, K);
      if (valid) addTreeMargins(grown.tree, valid.cols, validMargin!, k, K);
    }
    importanceByRound.push({ gain: importance.gain.slice(), split: importance.split.slice() });
    // The next round's gradients and this round's training loss come from one pass over the margins.
    trainLoss = fused ? fused(margin, y, kernel.gh, leafOf, leafValues!) : obj.gradients(margin, y, gh);
    const metrics: Record<string, number> = { [`train_${obj.metric}`]: trainLoss };
    if (valid) {
      const loss = obj.loss(validMargin!, valid.y);
      metrics[`valid_${obj.metric}`] = loss;
      if (loss < best.loss) best = { loss, round };
    }
    const answer = await options.onIteration?.({ iteration: round, metrics });
    if (answer === 'stop') break;
    if (valid && params.earlyStoppingRounds > 0 && round - best.round >= params.earlyStoppingRounds) break;
  }
  const rounds = valid && params.earlyStoppingRounds > 0 ? best.round + 1 : trees.length / K;
  return { trees: trees.slice(0, rounds * K), rounds, importance: importanceByRound[rounds - 1]! };
}

/**
 * Trains a histogram GBDT: bins the features once, then each round computes gradients, grows one
 * tree per output and updates the margins. With a validation set the `valid_*` metric drives early
 * stopping, which keeps the best round's trees.
 */
export async function fitGbdt(frame: Frame, target: string, params: GbdtParams, options: FitOptions = {}): Promise<GbdtModel> {
  const rng = createRng(options.seed ?? 0);
  const featureNames = selectFeatureNames(frame, target);
  const { task, y, classes } = encodeTarget(frame, target, params.objective);
  const obj = objectiveFor(task, classes?.length ?? 0);
  const cols = readFeatures(frame, featureNames);
  const kernel = createTrainingKernel(frame.rowCount, cols.length, { threads: params.nThreads });
  try {
    const data = binFeatures(cols, params.maxBins, params.binSampleSize, rng, kernel);
    const baseScore = obj.baseScore(y);
    const valid = options.validation && prepareValidation(options.validation, target, featureNames, classes, params.objective);
    const { trees, rounds, importance } = await boost({ data, kernel, obj, y, baseScore, valid, params, options, rng });
    const model: GbdtModelData = {
      kind: 'gbdt',
      version: 1,
      task,
      featureNames,
      ...(classes ? { classes } : {}),
      baseScore,
      outputs: obj.outputs,
      trees,
      rounds,
      importance: { gain: Array.from(importance.gain), split: Array.from(importance.split) },
    };
    return new GbdtModel(model);
  } finally {
    kernel.close();
  }
}
