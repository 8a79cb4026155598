// No imports: the front end imports these types too (web/src/sections/lineage/).

/** What a node of the lineage graph stands for; the page links each kind to its own page. */
export type LineageNodeKind = 'dataset' | 'step' | 'artifact' | 'model' | 'alias';

/** One node: a dataset version, a step run, an artifact, a model version or an alias. */
export interface LineageNode {
  /** `<kind>:<key>`, unique in the graph (a dataset version is one node however many runs used it). */
  id: string;
  kind: LineageNodeKind;
  label: string;
  /** A second line: status, version, size or rows. */
  detail: string;
  /** The pipeline run the step or artifact belongs to (the run page's id). */
  runId?: string;
  /** Dataset or model name, with `version`. */
  name?: string;
  version?: number;
}

/** A directed edge `from` → `to` (read, produced, registered from, points at). */
export interface LineageEdge {
  from: string;
  to: string;
  label?: string;
}

export interface LineageGraph {
  nodes: LineageNode[];
  edges: LineageEdge[];
  /** The node the graph was asked about (highlighted), if it is in the graph. */
  focus: string | null;
  /** The pipeline runs drawn. */
  runs: string[];
  /** True when runs or nodes were left out to keep the graph readable. */
  truncated: boolean;
}

/** Collects nodes and edges once each, in insertion order. */
export class GraphBuilder {
  private readonly nodes = new Map<string, LineageNode>();
  private readonly edges = new Map<string, LineageEdge>();

  constructor(private readonly maxNodes: number) {}

  get full(): boolean {
    return this.nodes.size >= this.maxNodes;
  }

  has(id: string): boolean {
    return this.nodes.has(id);
  }

  node(n: LineageNode): string {
    if (!this.nodes.has(n.id) && !this.full) this.nodes.set(n.id, n);
    return n.id;
  }

  edge(from: string, to: string, label?: string): void {
    if (!this.nodes.has(from) || !this.nodes.has(to) || from === to) return;
    const key = `${from}\u0000${to}`;
    if (!this.edges.has(key)) this.edges.set(key, label ? { from, to, label } : { from, to });
  }

  build(focus: string | null, runs: string[], truncated: boolean): LineageGraph {
    return { nodes: [...this.nodes.values()], edges: [...this.edges.values()], focus: focus && this.nodes.has(focus) ? focus : null, runs, truncated: truncated || this.full };
  }
}

export const datasetNodeId = (name: string, version: number): string => `dataset:${name}@v${version}`;
export const modelNodeId = (name: string, version: number): string => `model:${name}@v${version}`;
