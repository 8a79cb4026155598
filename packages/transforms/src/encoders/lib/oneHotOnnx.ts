import { attr, tensor } from '@mlops/onnx';
import type { OnnxExportContext } from '../../onnx/OnnxExportContext';

/**
 * ai.onnx.ml `OneHotEncoder` on a `[N, 1]` string column gives `[N, 1, C]`; `Flatten` makes it the
 * `[N, C]` block. For handleUnknown 'error' the encoder runs with `zeros = 0`, which fails on an
 * unknown value as the in-process encoder does; `''` (missing) is added as a last category so it
 * does not fail, and that column is sliced off again, leaving all zeros for missing values.
 */
export function oneHotOnnx(
  ctx: OnnxExportContext,
  name: string,
  categories: readonly string[],
  outputNames: readonly string[],
  handleUnknown: 'error' | 'ignore',
): void {
  const input = ctx.column(name);
  if (categories.length === 0) {
    ctx.expandColumn(name, input.tensor, []);
    return;
  }
  const strict = handleUnknown === 'error';
  const cats = strict ? [...categories, ''] : [...categories];
  const hot = ctx.tensorName(`${name}/one_hot`);
  const flat = ctx.tensorName(`${name}/one_hot_2d`);
  ctx.graph
    .node('OneHotEncoder', [input.tensor], [hot], { cats_strings: attr.strings(cats), zeros: attr.int(strict ? 0 : 1) }, 'ai.onnx.ml')
    // onnx 1.12 has no type inference for OneHotEncoder; declare its output for the checker.
    .valueInfo(hot, 'float', ['N', 1, cats.length])
    .node('Flatten', [hot], [flat], { axis: attr.int(1) });
  let block = flat;
  if (strict) {
    block = ctx.tensorName(`${name}/one_hot_known`);
    const [starts, ends, axes] = ['starts', 'ends', 'axes'].map((p) => ctx.tensorName(`${name}/slice_${p}`));
    ctx.graph
      .initializer(starts, tensor('int64', [1], [0]))
      .initializer(ends, tensor('int64', [1], [categories.length]))
      .initializer(axes, tensor('int64', [1], [1]))
      .node('Slice', [flat, starts, ends, axes], [block]);
  }
  ctx.expandColumn(name, block, outputNames);
}
