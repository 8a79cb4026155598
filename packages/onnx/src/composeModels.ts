import { onnx } from 'onnx-proto';
import { appendGraph } from './appendGraph';
import { createModel } from './createModel';
import { OnnxBuildError, OnnxComposeError } from './errors';
import { GraphBuilder } from './GraphBuilder';

/** Options of `composeModels`. */
export interface ComposeModelsOptions {
  /** Input of the second model → output of the first that feeds it, e.g. `{ features: 'features' }`. */
  readonly connect: Readonly<Record<string, string>>;
  /** Outputs of the composed model, from either model; default: the second model's outputs. */
  readonly outputs?: readonly string[];
  /** Prefix for the second model's internal names; default `'model/'`. */
  readonly prefix?: string;
  /** Name of the composed graph; default: the first graph's name. */
  readonly name?: string;
}

type ModelInput = Uint8Array | onnx.IModelProto;

/**
 * Runs `second` behind `first` in one model (like `onnx.compose.merge_models`): the first model's
 * inputs stay the inputs, `connect` wires its outputs into the second's inputs. Both must import
 * the same version of every domain they share, since an op's meaning can change between opsets.
 */
export function composeModels(first: ModelInput, second: ModelInput, options: ComposeModelsOptions): Uint8Array {
  const a = first instanceof Uint8Array ? onnx.ModelProto.decode(first) : first;
  const b = second instanceof Uint8Array ? onnx.ModelProto.decode(second) : second;
  if (!a.graph || !b.graph) throw new OnnxComposeError('both models need a graph');
  const opsets = mergeOpsets(a.opsetImport ?? [], b.opsetImport ?? []);
  const builder = new GraphBuilder(options.name ?? a.graph.name ?? 'graph');
  try {
    const fromA = appendGraph(builder, a.graph, { prefix: '' });
    const fromB = appendGraph(builder, b.graph, { connect: options.connect, prefix: options.prefix ?? 'model/' });
    const available = [...fromA.outputs, ...fromB.outputs];
    const wanted = options.outputs ?? fromB.outputs.map((o) => o.name ?? '');
    for (const name of wanted) {
      const info = available.find((o) => o.name === name);
      if (!info) throw new OnnxComposeError(`output ${JSON.stringify(name)} is not an output of either model`);
      builder.output(info);
    }
  } catch (error) {
    if (error instanceof OnnxBuildError) throw new OnnxComposeError(error.message);
    throw error;
  }
  const irVersion = Math.max(toNumber(a.irVersion), toNumber(b.irVersion));
  return onnx.ModelProto.encode(
    createModel(builder.toGraph(), { opsets, irVersion, producerName: a.producerName || 'mlops' }),
  ).finish();
}

function mergeOpsets(a: onnx.IOperatorSetIdProto[], b: onnx.IOperatorSetIdProto[]): Record<string, number> {
  const merged: Record<string, number> = {};
  for (const { domain, version } of [...a, ...b]) {
    const key = domain === 'ai.onnx' ? '' : (domain ?? '');
    const v = toNumber(version);
    if (merged[key] !== undefined && merged[key] !== v) {
      throw new OnnxComposeError(`the models import different versions of domain ${JSON.stringify(key)}: ${merged[key]} and ${v}`);
    }
    merged[key] = v;
  }
  return merged;
}

// protobufjs decodes int64 fields as Long objects when the long package is loaded, else as numbers.
function toNumber(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}
