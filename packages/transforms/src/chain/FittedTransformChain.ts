import type { Frame } from '@mlops/frame';
import type { GraphBuilder, ModelOptions } from '@mlops/onnx';
import { TransformApplyError, TransformDataError } from '../errors';
import { messages } from '../messages';
import type { OnnxExportContext } from '../onnx/OnnxExportContext';
import { onnxFeeds, type OnnxFeed } from '../onnx/onnxFeeds';
import type { FittedTransform, FittedTransformData, JsonValue } from '../Transform';
import { buildChainGraph } from './buildChainGraph';
import { dtypeFamily, type ChainColumn } from './ChainColumn';
import { toFeatureMatrix, type FeatureMatrix } from './FeatureMatrix';

const kind = 'transform-chain';

/**
 * Fitted transforms applied in order. Serializes as one JSON document and exports one ONNX graph
 * whose `features` output holds `featureNames()` in order, the input of the model behind it.
 */
export class FittedTransformChain implements FittedTransform {
  readonly name = kind;
  readonly kind = kind;

  constructor(
    /** The raw columns the chain reads (names and dtypes at fit time). */
    readonly inputs: readonly ChainColumn[],
    readonly steps: readonly FittedTransform[],
    /** The columns it produces, in order. */
    readonly outputs: readonly ChainColumn[],
  ) {}

  get columns(): readonly string[] {
    return this.inputs.map((c) => c.name);
  }

  /** Names of the final feature columns, in the order of the ONNX `features` output. */
  featureNames(): string[] {
    return this.outputs.map((c) => c.name);
  }

  /** Keeps only the input columns (checked against the fit-time dtypes), then applies every step. */
  transform(frame: Frame): Frame {
    for (const { name, dtype } of this.inputs) {
      if (!frame.has(name)) throw new TransformApplyError(kind, messages.columnMissing(name, frame.names));
      const actual = frame.column(name).dtype;
      if (dtypeFamily(actual) !== dtypeFamily(dtype)) throw new TransformApplyError(kind, messages.wrongDType(name, actual, `${dtype}, as when fitted`));
    }
    return this.steps.reduce((current, step) => step.transform(current), frame.select(this.columns));
  }

  /** `transform`, then the features as one row-major float matrix (nulls as NaN). */
  features(frame: Frame): FeatureMatrix {
    return toFeatureMatrix(this.transform(frame), kind);
  }

  toJSON(): FittedTransformData {
    const column = (c: ChainColumn) => ({ name: c.name, dtype: c.dtype });
    return { kind, version: 1, inputs: this.inputs.map(column), outputs: this.outputs.map(column), steps: this.steps.map((s) => s.toJSON()) };
  }

  /** Adds every step's nodes (for a chain nested in another chain). */
  onnx(ctx: OnnxExportContext): void {
    for (const step of this.steps) step.onnx(ctx);
  }

  /** The preprocessing graph (inputs per raw column, output `features`), to compose with a model graph. */
  toOnnxGraph(graphName = 'preprocessing'): GraphBuilder {
    return buildChainGraph(this.inputs, this.steps, this.featureNames(), graphName);
  }

  /**
   * The preprocessing graph as a serialized ONNX model. Its metadata holds the feature names as
   * JSON under `mlops.feature_names`, so a server can label the `features` columns.
   */
  toOnnx(options: ModelOptions & { readonly graphName?: string } = {}): Uint8Array {
    const { graphName, ...modelOptions } = options;
    const metadata = { 'mlops.feature_names': JSON.stringify(this.featureNames()), ...modelOptions.metadata };
    return this.toOnnxGraph(graphName).toModel({ ...modelOptions, metadata });
  }

  /** The ONNX inputs for `frame` as plain data (missing numbers NaN, missing categories `''`). */
  onnxFeeds(frame: Frame): Record<string, OnnxFeed> {
    return onnxFeeds(frame.select(this.columns), this.inputs, kind);
  }

  /** Rebuilds a chain from its `toJSON()` data; `loadStep` loads each step. */
  static fromData(data: FittedTransformData, loadStep: (step: FittedTransformData) => FittedTransform): FittedTransformChain {
    const steps = data.steps;
    if (!Array.isArray(steps)) throw new TransformDataError(kind, messages.badField('steps', 'an array of transform data', steps));
    return new FittedTransformChain(
      readColumns(data, 'inputs'),
      steps.map((s) => loadStep(s as FittedTransformData)),
      readColumns(data, 'outputs'),
    );
  }
}

const dtypes: readonly string[] = ['float64', 'int32', 'bool', 'category', 'timestamp'];

function readColumns(data: FittedTransformData, field: string): ChainColumn[] {
  const value = data[field];
  const ok = (v: JsonValue): v is { name: string; dtype: string } =>
    typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as Record<string, unknown>).name === 'string' && dtypes.includes((v as Record<string, unknown>).dtype as string);
  if (!Array.isArray(value) || !value.every(ok)) throw new TransformDataError(kind, messages.badField(field, 'an array of { name, dtype }', value));
  return (value as { name: string; dtype: ChainColumn['dtype'] }[]).map(({ name, dtype }) => ({ name, dtype }));
}
