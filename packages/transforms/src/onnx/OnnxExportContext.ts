import type { GraphBuilder } from '@mlops/onnx';

/** A frame column inside the ONNX graph: a `[N, 1]` tensor of floats (numbers) or strings (categories). */
export interface OnnxColumn {
  readonly tensor: string;
  readonly type: 'float' | 'string';
}

/**
 * What a fitted transform sees while it adds its nodes: the graph, and the tensor that currently
 * holds each frame column. A transform reads its columns, adds nodes, and sets the new tensors, so
 * the graph mirrors the frame column by column. Null conventions: a missing number is NaN, a
 * missing category is the empty string `''`.
 */
export interface OnnxExportContext {
  readonly graph: GraphBuilder;
  /** Name of the transform being exported (for error messages). */
  readonly transform: string;
  /** The `[N, 1]` tensor currently holding column `name`. */
  column(name: string): OnnxColumn;
  /** Makes `column` the tensor of column `name`: replaces it in place, or appends a new column. */
  setColumn(name: string, column: OnnxColumn): void;
  /** Replaces column `name` by the float columns `names`, held together in one `[N, names.length]` tensor. */
  expandColumn(name: string, tensor: string, names: readonly string[]): void;
  /** A fresh tensor name based on `hint`. */
  tensorName(hint: string): string;
}
