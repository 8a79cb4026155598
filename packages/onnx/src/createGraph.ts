import { GraphBuilder } from './GraphBuilder';

/** Starts an empty graph: `createGraph('prep').input(...).node(...).output(...).toModel()`. */
export function createGraph(name = 'graph'): GraphBuilder {
  return new GraphBuilder(name);
}
