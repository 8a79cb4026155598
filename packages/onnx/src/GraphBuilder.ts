import { onnx } from 'onnx-proto';
import type { AttributeValue } from './attr';
import { createModel } from './createModel';
import type { ElemType } from './elemType';
import { OnnxBuildError } from './errors';
import { defaultOpsets, type ModelOptions } from './ModelOptions';
import { valueInfo as makeValueInfo, type Dim } from './valueInfo';

/** What defined a tensor name in the graph. */
type Origin = 'input' | 'initializer' | 'node';

/**
 * Builds one ONNX graph step by step. Nodes must be added in topological order: every input a node
 * names must already be a graph input, an initializer or an earlier node's output, so a wiring
 * mistake fails at the call that made it, naming the node.
 */
export class GraphBuilder {
  private readonly origins = new Map<string, Origin>();
  private readonly reserved = new Set<string>();
  private readonly nodeNames = new Set<string>();
  private readonly inputs: onnx.IValueInfoProto[] = [];
  private readonly outputs: onnx.IValueInfoProto[] = [];
  private readonly initializers: onnx.ITensorProto[] = [];
  private readonly valueInfos: onnx.IValueInfoProto[] = [];
  private readonly nodes: onnx.INodeProto[] = [];
  private readonly domains = new Set<string>();

  constructor(
    /** GraphProto.name; also names the graph in error messages. */
    readonly name = 'graph',
  ) {}

  /** Declares a graph input, e.g. `input('x', 'float', ['N', 3])`; or adds an existing ValueInfoProto. */
  input(info: onnx.IValueInfoProto): this;
  input(name: string, type: ElemType, shape: readonly Dim[]): this;
  input(nameOrInfo: string | onnx.IValueInfoProto, type?: ElemType, shape?: readonly Dim[]): this {
    const info = typeof nameOrInfo === 'string' ? makeValueInfo(nameOrInfo, type!, shape!) : nameOrInfo;
    this.define(requireName(this.name, info.name, 'input'), 'input', 'graph input');
    this.inputs.push(info);
    return this;
  }

  /** Declares a graph output; some node (or input) must produce it before `toGraph()`. */
  output(info: onnx.IValueInfoProto): this;
  output(name: string, type: ElemType, shape: readonly Dim[]): this;
  output(nameOrInfo: string | onnx.IValueInfoProto, type?: ElemType, shape?: readonly Dim[]): this {
    const info = typeof nameOrInfo === 'string' ? makeValueInfo(nameOrInfo, type!, shape!) : nameOrInfo;
    const name = requireName(this.name, info.name, 'output');
    if (this.outputs.some((o) => o.name === name)) this.fail(`output ${JSON.stringify(name)} is declared twice`);
    this.reserved.add(name);
    this.outputs.push(info);
    return this;
  }

  /**
   * Declares the type and shape of an intermediate tensor (GraphProto.value_info). Needed where an
   * operator schema has no type inference (onnx 1.12's OneHotEncoder), so that the strict shape
   * inference of `onnx.checker.check_model(full_check=True)` can type the nodes after it.
   */
  valueInfo(info: onnx.IValueInfoProto): this;
  valueInfo(name: string, type: ElemType, shape: readonly Dim[]): this;
  valueInfo(nameOrInfo: string | onnx.IValueInfoProto, type?: ElemType, shape?: readonly Dim[]): this {
    const info = typeof nameOrInfo === 'string' ? makeValueInfo(nameOrInfo, type!, shape!) : nameOrInfo;
    const name = requireName(this.name, info.name, 'value_info');
    if (this.valueInfos.some((v) => v.name === name)) this.fail(`value_info ${JSON.stringify(name)} is declared twice`);
    this.valueInfos.push(info);
    return this;
  }

  /** True when `valueInfo` already declared `name`. */
  hasValueInfo(name: string): boolean {
    return this.valueInfos.some((v) => v.name === name);
  }

  /** Adds a constant tensor under `name` (the tensor's own name is replaced). */
  initializer(name: string, value: onnx.ITensorProto): this {
    this.define(name, 'initializer', 'initializer');
    this.initializers.push({ ...value, name });
    return this;
  }

  /**
   * Adds a node. `inputs` may hold `''` for an omitted optional input. Attributes are built with
   * `attr` (e.g. `{ axis: attr.int(1) }`); `domain` is `''` for standard ONNX, or e.g. `'ai.onnx.ml'`.
   */
  node(
    opType: string,
    inputs: readonly string[],
    outputs: readonly string[],
    attributes: Readonly<Record<string, AttributeValue>> = {},
    domain = '',
  ): this {
    const attribute = Object.entries(attributes).map(([name, value]) => ({ ...value, name }));
    return this.nodeProto({ opType, input: [...inputs], output: [...outputs], attribute, domain });
  }

  /** Adds an already built NodeProto (as `appendGraph` does), with the same checks as `node`. */
  nodeProto(proto: onnx.INodeProto): this {
    const opType = proto.opType ?? '';
    if (!opType) this.fail('a node has no op_type');
    const name = this.uniqueNodeName(proto.name || opType);
    for (const input of proto.input ?? []) {
      if (input !== '' && !this.origins.has(input)) {
        this.fail(`node ${name} (${opType}) reads ${JSON.stringify(input)}, which no input, initializer or earlier node defines`);
      }
    }
    for (const output of proto.output ?? []) {
      if (output !== '') this.define(output, 'node', `output of node ${name} (${opType})`);
    }
    const domain = proto.domain === 'ai.onnx' ? '' : (proto.domain ?? '');
    this.domains.add(domain);
    this.nodeNames.add(name);
    this.nodes.push({ ...proto, name, domain });
    return this;
  }

  /** A tensor name not used yet, `hint` itself when free; reserved so later calls do not return it again. */
  uniqueName(hint: string): string {
    let name = hint;
    for (let i = 1; this.origins.has(name) || this.reserved.has(name); i++) name = `${hint}_${i}`;
    this.reserved.add(name);
    return name;
  }

  /** True when `name` is already a graph input, an initializer or a node output. */
  has(name: string): boolean {
    return this.origins.has(name);
  }

  /** Names of the declared graph inputs, in order. */
  get inputNames(): string[] {
    return this.inputs.map((i) => i.name ?? '');
  }

  /** Names of the declared graph outputs, in order. */
  get outputNames(): string[] {
    return this.outputs.map((o) => o.name ?? '');
  }

  /** Domains of the nodes added so far (`''` for standard ONNX). */
  get usedDomains(): string[] {
    return [...this.domains];
  }

  /** The GraphProto; fails when a declared output is never produced. */
  toGraph(): onnx.GraphProto {
    for (const output of this.outputNames) {
      if (!this.origins.has(output)) this.fail(`output ${JSON.stringify(output)} is declared but no node produces it`);
    }
    if (this.outputs.length === 0) this.fail('the graph has no outputs');
    const outputs = new Set(this.outputNames);
    return onnx.GraphProto.create({
      name: this.name,
      input: [...this.inputs],
      output: [...this.outputs],
      initializer: [...this.initializers],
      node: [...this.nodes],
      // The spec keeps graph inputs and outputs out of value_info.
      valueInfo: this.valueInfos.filter((v) => this.origins.get(v.name ?? '') === 'node' && !outputs.has(v.name ?? '')),
    });
  }

  /** The ModelProto of this graph (defaults: opset 15 + ai.onnx.ml 3, IR 8, producer `mlops`). */
  toModelProto(options: ModelOptions = {}): onnx.ModelProto {
    const opsets = options.opsets ?? defaultOpsets;
    for (const domain of this.domains) {
      if (opsets[domain] === undefined) this.fail(`nodes use domain ${JSON.stringify(domain)}, but opsets has no version for it`);
    }
    return createModel(this.toGraph(), options);
  }

  /** The serialized model, ready for `InferenceSession.create(bytes)` or a `.onnx` file. */
  toModel(options: ModelOptions = {}): Uint8Array {
    return onnx.ModelProto.encode(this.toModelProto(options)).finish();
  }

  private define(name: string, origin: Origin, what: string): void {
    if (name === '') this.fail(`${what} has an empty name`);
    if (this.origins.has(name)) this.fail(`${what} ${JSON.stringify(name)} is already defined (as ${this.origins.get(name)})`);
    this.origins.set(name, origin);
  }

  private uniqueNodeName(hint: string): string {
    let name = hint;
    for (let i = 1; this.nodeNames.has(name); i++) name = `${hint}_${i}`;
    return name;
  }

  private fail(message: string): never {
    throw new OnnxBuildError(this.name, message);
  }
}

function requireName(graph: string, name: string | null | undefined, what: string): string {
  if (!name) throw new OnnxBuildError(graph, `an ${what} has no name`);
  return name;
}
