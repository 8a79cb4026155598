import { attr, elemTypeCode, tensor } from '@mlops/onnx';
import type { OnnxExportContext } from '../../onnx/OnnxExportContext';

/**
 * The ONNX nodes of one imputed column. Numbers: ai.onnx.ml `Imputer` replacing NaN. Strings: the
 * Imputer has no string type, and `Equal` on strings needs opset 19, so the `''` mask comes from a
 * `LabelEncoder` ('' → 1, anything else → 0), cast to bool, and `Where` picks the fill value.
 */
export function imputerOnnx(ctx: OnnxExportContext, name: string, fill: number | string): void {
  const input = ctx.column(name);
  const output = ctx.tensorName(`${name}/imputed`);
  if (typeof fill === 'number') {
    ctx.graph.node(
      'Imputer',
      [input.tensor],
      [output],
      { imputed_value_floats: attr.floats([fill]), replaced_value_float: attr.float(NaN) },
      'ai.onnx.ml',
    );
    ctx.setColumn(name, { tensor: output, type: 'float' });
    return;
  }
  const flag = ctx.tensorName(`${name}/missing_flag`);
  const mask = ctx.tensorName(`${name}/missing`);
  const value = ctx.tensorName(`${name}/fill_value`);
  ctx.graph
    .node(
      'LabelEncoder',
      [input.tensor],
      [flag],
      { keys_strings: attr.strings(['']), values_int64s: attr.ints([1]), default_int64: attr.int(0) },
      'ai.onnx.ml',
    )
    .node('Cast', [flag], [mask], { to: attr.int(elemTypeCode('bool')) })
    .initializer(value, tensor('string', [1], [fill]))
    .node('Where', [mask, value, input.tensor], [output]);
  ctx.setColumn(name, { tensor: output, type: 'string' });
}
