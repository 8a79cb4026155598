import type { onnx } from 'onnx-proto';
import { OnnxBuildError } from './errors';
import { GraphBuilder } from './GraphBuilder';

/** Options of `appendGraph`. */
export interface AppendGraphOptions {
  /** Source graph input → tensor of the target that feeds it (e.g. `{ features: 'features' }`). */
  readonly connect?: Readonly<Record<string, string>>;
  /** Prefix for the source's internal names (initializers, intermediate tensors, node names). */
  readonly prefix?: string;
}

/** What `appendGraph` added: the source graph's outputs, now tensors of the target (names unchanged). */
export interface AppendedGraph {
  readonly outputs: onnx.IValueInfoProto[];
}

/**
 * Copies `source`'s initializers and nodes into `target`, so one graph runs behind another (e.g. a
 * model behind its preprocessing). Connected inputs read the given target tensors; other source
 * inputs become target inputs (shared when the target already has an input of that name). The
 * source's outputs keep their names, and its internal names get `prefix` so they cannot clash.
 * Declare the outputs you want with `target.output(info)`.
 */
export function appendGraph(target: GraphBuilder, source: GraphBuilder | onnx.IGraphProto, options: AppendGraphOptions = {}): AppendedGraph {
  const graph = source instanceof GraphBuilder ? source.toGraph() : source;
  const prefix = options.prefix ?? `${graph.name || 'graph'}/`;
  const connect = options.connect ?? {};
  const fail = (message: string): never => {
    throw new OnnxBuildError(target.name, `appending graph ${JSON.stringify(graph.name ?? '')}: ${message}`);
  };
  const initializerNames = new Set((graph.initializer ?? []).map((t) => t.name ?? ''));
  const inputNames = new Set((graph.input ?? []).map((i) => i.name ?? ''));
  const outputs = graph.output ?? [];
  const rename = new Map<string, string>();

  for (const [from, to] of Object.entries(connect)) {
    if (!inputNames.has(from)) fail(`connect names ${JSON.stringify(from)}, which is not an input of the appended graph`);
    if (!target.has(to)) fail(`connect maps ${JSON.stringify(from)} to ${JSON.stringify(to)}, which the target does not define`);
    rename.set(from, to);
  }
  // Older exporters list initializers among the inputs too; those stay initializers.
  for (const input of graph.input ?? []) {
    const name = input.name ?? '';
    if (rename.has(name) || initializerNames.has(name)) continue;
    if (!target.inputNames.includes(name)) {
      if (target.has(name)) fail(`its input ${JSON.stringify(name)} clashes with a tensor of the target`);
      target.input(input);
    }
    rename.set(name, name);
  }
  for (const output of outputs) {
    const name = output.name ?? '';
    if (rename.has(name)) continue;
    if (target.has(name)) fail(`its output ${JSON.stringify(name)} clashes with a tensor of the target`);
    rename.set(name, name);
  }
  const mapped = (name: string): string => {
    if (name === '') return name;
    let to = rename.get(name);
    if (to === undefined) rename.set(name, (to = target.uniqueName(prefix + name)));
    return to;
  };

  for (const init of graph.initializer ?? []) target.initializer(mapped(init.name ?? ''), init);
  for (const node of graph.node ?? []) {
    if ((node.attribute ?? []).some((a) => a.g || (a.graphs && a.graphs.length))) {
      fail(`node ${node.name ?? node.opType} (${node.opType}) has a subgraph attribute, which appendGraph does not rename`);
    }
    target.nodeProto({
      ...node,
      name: prefix + (node.name || node.opType),
      input: (node.input ?? []).map(mapped),
      output: (node.output ?? []).map(mapped),
    });
  }
  for (const info of graph.valueInfo ?? []) {
    const name = rename.get(info.name ?? '');
    if (name !== undefined && target.has(name)) target.valueInfo({ ...info, name });
  }
  return { outputs: outputs.map((o) => ({ ...o, name: mapped(o.name ?? '') })) };
}
