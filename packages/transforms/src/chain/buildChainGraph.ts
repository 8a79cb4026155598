import { createGraph, type GraphBuilder } from '@mlops/onnx';
import { OnnxExportError, TransformError } from '../errors';
import { OnnxGraphState } from '../onnx/OnnxGraphState';
import type { FittedTransform } from '../Transform';
import type { ChainColumn } from './ChainColumn';

/** Name of the chain's single output: the `[N, F]` float feature matrix. */
export const featuresOutput = 'features';

const chainName = 'transform-chain';
const q = (names: readonly string[]): string => names.map((n) => JSON.stringify(n)).join(', ');

/**
 * The preprocessing graph of a fitted chain: one `[N, 1]` input per raw column (float for
 * numbers, string for categories), every step's nodes, and `features` = the final columns
 * concatenated in `featureNames()` order.
 */
export function buildChainGraph(
  inputs: readonly ChainColumn[],
  steps: readonly FittedTransform[],
  featureNames: readonly string[],
  graphName: string,
): GraphBuilder {
  const graph = createGraph(graphName);
  // Reserve the output name so no step's tensorName() hands it out.
  graph.uniqueName(featuresOutput);
  const state = new OnnxGraphState(graph);
  for (const { name, dtype } of inputs) {
    if (name === featuresOutput) {
      throw new OnnxExportError(chainName, `input column "${featuresOutput}" has the name of the graph's output; rename the column`);
    }
    if (dtype === 'timestamp') {
      throw new OnnxExportError(chainName, `input column ${JSON.stringify(name)} is a timestamp; float32 cannot hold epoch milliseconds, so derive numeric features from it first`);
    }
    const type = dtype === 'category' ? 'string' : 'float';
    graph.input(name, type, ['N', 1]);
    state.add(name, { tensor: name, type });
  }
  for (const step of steps) {
    try {
      step.onnx(state.contextFor(step.name));
    } catch (error) {
      if (error instanceof TransformError) throw error;
      throw new OnnxExportError(step.name, `ONNX export failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }
  // A transform whose nodes do not mirror its in-process columns would silently feed the model
  // the wrong features; compare before the graph is sealed.
  const graphNames = state.names();
  if (graphNames.join('\u0000') !== featureNames.join('\u0000')) {
    throw new OnnxExportError(chainName, `the ONNX graph ends with columns ${q(graphNames)}, but the chain's features are ${q(featureNames)}`);
  }
  state.finish(featuresOutput);
  return graph;
}
