import { attr, type GraphBuilder } from '@mlops/onnx';
import { OnnxExportError } from '../errors';
import type { OnnxColumn, OnnxExportContext } from './OnnxExportContext';

/** Consecutive frame columns held by one tensor: `[N, 1]` for one column, `[N, k]` for a block. */
interface Slot {
  names: string[];
  tensor: string;
  type: 'float' | 'string';
}

/**
 * The mapping from frame columns to graph tensors while a chain is exported; hands each transform
 * an `OnnxExportContext` and finally concatenates every column into the features output.
 */
export class OnnxGraphState {
  private slots: Slot[] = [];

  constructor(readonly graph: GraphBuilder) {}

  /** Registers a graph input (or any tensor) as the column `name`. */
  add(name: string, column: OnnxColumn): void {
    this.slots.push({ names: [name], tensor: column.tensor, type: column.type });
  }

  /** The context one transform exports through; errors name `transform`. */
  contextFor(transform: string): OnnxExportContext {
    return {
      graph: this.graph,
      transform,
      column: (name) => this.column(transform, name),
      setColumn: (name, column) => this.setColumn(name, column),
      expandColumn: (name, tensor, names) => this.expandColumn(transform, name, tensor, names),
      tensorName: (hint) => this.graph.uniqueName(hint),
    };
  }

  /** Column names in order, as the frame would have them now. */
  names(): string[] {
    return this.slots.flatMap((s) => s.names);
  }

  /** Concatenates all columns (all must be float) into output `name` of shape `[N, F]`. */
  finish(name: string): number {
    const strings = this.slots.filter((s) => s.type !== 'float').flatMap((s) => s.names);
    if (strings.length) {
      throw new OnnxExportError(
        'transform-chain',
        `column(s) ${strings.map((n) => JSON.stringify(n)).join(', ')} are still categories at the end of the chain; ` +
          'encode them (oneHotEncoder, ordinalEncoder) so every feature is a number',
      );
    }
    const width = this.names().length;
    if (width === 0) throw new OnnxExportError('transform-chain', 'the chain has no output columns to export');
    this.graph.node('Concat', this.slots.map((s) => s.tensor), [name], { axis: attr.int(1) });
    this.graph.output(name, 'float', ['N', width]);
    return width;
  }

  private column(transform: string, name: string): OnnxColumn {
    const index = this.slots.findIndex((s) => s.names.includes(name));
    if (index < 0) {
      throw new OnnxExportError(transform, `column ${JSON.stringify(name)} is not in the graph; it has ${this.names().map((n) => JSON.stringify(n)).join(', ')}`);
    }
    const slot = this.slots[index];
    if (slot.names.length > 1) this.split(index);
    const single = this.slots.find((s) => s.names[0] === name)!;
    return { tensor: single.tensor, type: single.type };
  }

  // A transform that reads one column of a block (say, a scaler after a one-hot encoder) needs it
  // alone: Split the block into [N, 1] tensors once, then each is an ordinary column.
  private split(index: number): void {
    const slot = this.slots[index];
    const outputs = slot.names.map((n) => this.graph.uniqueName(`${n}/split`));
    this.graph.node('Split', [slot.tensor], outputs, { axis: attr.int(1) });
    const parts = slot.names.map((n, i): Slot => ({ names: [n], tensor: outputs[i], type: slot.type }));
    this.slots.splice(index, 1, ...parts);
  }

  // onnx 1.12 has no type inference for Scaler, Imputer and OneHotEncoder, so the strict checker
  // (full_check) cannot type the nodes after them; declaring every column tensor fixes that.
  private describe(tensor: string, type: 'float' | 'string', width: number): void {
    const isInput = this.graph.inputNames.includes(tensor);
    if (!isInput && this.graph.has(tensor) && !this.graph.hasValueInfo(tensor)) this.graph.valueInfo(tensor, type, ['N', width]);
  }

  private setColumn(name: string, column: OnnxColumn): void {
    this.describe(column.tensor, column.type, 1);
    const index = this.slots.findIndex((s) => s.names.includes(name));
    const slot: Slot = { names: [name], tensor: column.tensor, type: column.type };
    if (index < 0) this.slots.push(slot);
    else if (this.slots[index].names.length === 1) this.slots[index] = slot;
    else {
      this.split(index);
      this.slots[this.slots.findIndex((s) => s.names[0] === name)] = slot;
    }
  }

  private expandColumn(transform: string, name: string, tensor: string, names: readonly string[]): void {
    this.column(transform, name);
    this.describe(tensor, 'float', names.length);
    const index = this.slots.findIndex((s) => s.names[0] === name && s.names.length === 1);
    this.slots.splice(index, 1, ...(names.length ? [{ names: [...names], tensor, type: 'float' as const }] : []));
  }
}
