import { float64Column, type Frame } from '@mlops/frame';
import { attr } from '@mlops/onnx';
import { numericColumnValues } from '../../lib/numeric';
import { replaceColumn } from '../../lib/replaceColumn';
import { numericRule, requireColumn } from '../../lib/selectColumns';
import type { OnnxExportContext } from '../../onnx/OnnxExportContext';
import type { FittedTransform, FittedTransformData } from '../../Transform';

/** How one column is scaled. */
export interface ScaledColumn {
  readonly name: string;
  /** The ONNX `Scaler` form, `y = (x - offset) * scale` (float32 in the model). */
  readonly offset: number;
  readonly scale: number;
  /** The in-process map, written as scikit-learn computes it so results agree to the last bits. */
  readonly map: (x: number) => number;
}

/**
 * A fitted per-column affine scaler (standard, min-max, robust): float64 output, NaN and nulls kept
 * as they are, exported as one ai.onnx.ml `Scaler` per column.
 */
export class FittedScaler implements FittedTransform {
  readonly name: string;
  readonly columns: readonly string[];

  constructor(
    readonly kind: string,
    private readonly scaled: readonly ScaledColumn[],
    private readonly data: FittedTransformData,
  ) {
    this.name = kind;
    this.columns = scaled.map((s) => s.name);
  }

  transform(frame: Frame): Frame {
    let out = frame;
    for (const { name, map } of this.scaled) {
      const column = requireColumn(frame, this.name, name, numericRule);
      const values = numericColumnValues(column);
      const result = new Float64Array(values.length);
      for (let i = 0; i < values.length; i++) result[i] = map(values[i]);
      out = replaceColumn(out, name, [[name, float64Column(result, column.nulls)]]);
    }
    return out;
  }

  toJSON(): FittedTransformData {
    return this.data;
  }

  onnx(ctx: OnnxExportContext): void {
    for (const { name, offset, scale } of this.scaled) {
      const input = ctx.column(name);
      const output = ctx.tensorName(`${name}/${this.kind}`);
      const attributes = { offset: attr.floats([offset]), scale: attr.floats([scale]) };
      ctx.graph.node('Scaler', [input.tensor], [output], attributes, 'ai.onnx.ml');
      ctx.setColumn(name, { tensor: output, type: 'float' });
    }
  }
}
