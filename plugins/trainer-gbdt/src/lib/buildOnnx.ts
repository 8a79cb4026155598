import { attr, createGraph, tensor } from '@mlops/onnx';
import type { GbdtModelData } from '../GbdtModelData';

/** The tree attributes shared by TreeEnsembleRegressor and TreeEnsembleClassifier. */
function treeAttributes(model: GbdtModelData) {
  const a = { treeIds: [] as number[], nodeIds: [] as number[], features: [] as number[], modes: [] as string[], values: [] as number[], trueIds: [] as number[], falseIds: [] as number[], missingTrue: [] as number[] };
  const leaves = { treeIds: [] as number[], nodeIds: [] as number[], ids: [] as number[], weights: [] as number[] };
  model.trees.forEach((t, ti) => {
    for (let n = 0; n < t.feature.length; n++) {
      const leaf = t.feature[n]! < 0;
      a.treeIds.push(ti);
      a.nodeIds.push(n);
      a.features.push(leaf ? 0 : t.feature[n]!);
      a.modes.push(leaf ? 'LEAF' : 'BRANCH_LEQ');
      a.values.push(leaf ? 0 : t.threshold[n]!);
      a.trueIds.push(leaf ? 0 : t.left[n]!);
      a.falseIds.push(leaf ? 0 : t.right[n]!);
      // BRANCH_LEQ's true branch is our left child, so "missing goes true" = default left.
      a.missingTrue.push(leaf ? 0 : t.defaultLeft[n]!);
      if (leaf) {
        leaves.treeIds.push(ti);
        leaves.nodeIds.push(n);
        leaves.ids.push(ti % model.outputs);
        leaves.weights.push(t.value[n]!);
      }
    }
  });
  const nodes = {
    nodes_treeids: attr.ints(a.treeIds),
    nodes_nodeids: attr.ints(a.nodeIds),
    nodes_featureids: attr.ints(a.features),
    nodes_modes: attr.strings(a.modes),
    nodes_values: attr.floats(a.values),
    nodes_truenodeids: attr.ints(a.trueIds),
    nodes_falsenodeids: attr.ints(a.falseIds),
    nodes_missing_value_tracks_true: attr.ints(a.missingTrue),
    base_values: attr.floats(model.baseScore),
  };
  return { nodes, leaves };
}

/**
 * ONNX for a GBDT model, input `features` float [N, F].
 * - regression: TreeEnsembleRegressor → `variable` [N, 1];
 * - multiclass: TreeEnsembleClassifier (SOFTMAX) → `label` int64 [N], `probabilities` [N, K];
 * - binary: TreeEnsembleRegressor (raw margin) → Sigmoid → `probabilities` = Concat(1 − p, p),
 *   `label` = ArgMax. onnxruntime's binary TreeEnsembleClassifier returns wrong labels or a
 *   zero class-0 column depending on how leaves carry weights, so we avoid it.
 */
export function buildOnnx(model: GbdtModelData): Uint8Array {
  const F = model.featureNames.length;
  const g = createGraph(`gbdt-${model.task}`).input('features', 'float', ['N', F]);
  const { nodes, leaves } = treeAttributes(model);
  const targets = {
    target_treeids: attr.ints(leaves.treeIds),
    target_nodeids: attr.ints(leaves.nodeIds),
    target_ids: attr.ints(leaves.ids),
    target_weights: attr.floats(leaves.weights),
  };
  if (model.task === 'regression') {
    g.node('TreeEnsembleRegressor', ['features'], ['variable'], { ...nodes, ...targets, n_targets: attr.int(1), post_transform: attr.string('NONE'), aggregate_function: attr.string('SUM') }, 'ai.onnx.ml');
    g.output('variable', 'float', ['N', 1]);
  } else if (model.task === 'multiclass') {
    g.node(
      'TreeEnsembleClassifier',
      ['features'],
      ['label', 'probabilities'],
      {
        ...nodes,
        class_treeids: attr.ints(leaves.treeIds),
        class_nodeids: attr.ints(leaves.nodeIds),
        class_ids: attr.ints(leaves.ids),
        class_weights: attr.floats(leaves.weights),
        classlabels_int64s: attr.ints(model.classes!.map((_, i) => i)),
        post_transform: attr.string('SOFTMAX'),
      },
      'ai.onnx.ml',
    );
    g.output('label', 'int64', ['N']).output('probabilities', 'float', ['N', model.outputs]);
  } else {
    g.node('TreeEnsembleRegressor', ['features'], ['margin'], { ...nodes, ...targets, n_targets: attr.int(1), post_transform: attr.string('NONE'), aggregate_function: attr.string('SUM') }, 'ai.onnx.ml');
    g.node('Sigmoid', ['margin'], ['p1']);
    g.initializer('one', tensor('float', [], [1]));
    g.node('Sub', ['one', 'p1'], ['p0']);
    g.node('Concat', ['p0', 'p1'], ['probabilities'], { axis: attr.int(1) });
    g.node('ArgMax', ['probabilities'], ['label'], { axis: attr.int(1), keepdims: attr.int(0) });
    g.output('label', 'int64', ['N']).output('probabilities', 'float', ['N', 2]);
  }
  return g.toModel({ opsets: { '': 15, 'ai.onnx.ml': 3 }, irVersion: 8 });
}
