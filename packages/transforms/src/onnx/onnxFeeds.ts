import type { Frame } from '@mlops/frame';
import { codeValues } from '../lib/categories';
import { numericColumnValues } from '../lib/numeric';
import type { ChainColumn } from '../chain/ChainColumn';
import { OnnxExportError } from '../errors';

/** One model input as plain data; `new ort.Tensor(feed.type, feed.data, feed.dims)` makes the tensor. */
export type OnnxFeed =
  | { readonly type: 'float32'; readonly data: Float32Array; readonly dims: readonly [number, 1] }
  | { readonly type: 'string'; readonly data: string[]; readonly dims: readonly [number, 1] };

/**
 * The inputs of an exported chain for the rows of `frame`, with the null conventions of the graph:
 * a missing number is NaN, a missing category is `''`.
 */
export function onnxFeeds(frame: Frame, inputs: readonly ChainColumn[], transform: string): Record<string, OnnxFeed> {
  const feeds: Record<string, OnnxFeed> = {};
  const dims = [frame.rowCount, 1] as const;
  for (const { name } of inputs) {
    const column = frame.column(name);
    if (column.dtype === 'category') {
      const values = codeValues(column);
      feeds[name] = { type: 'string', data: Array.from(column.data, (code) => values[code] ?? ''), dims };
    } else if (column.dtype === 'timestamp') {
      throw new OnnxExportError(transform, `input ${JSON.stringify(name)} is a timestamp, which the ONNX graph has no input for`);
    } else {
      feeds[name] = { type: 'float32', data: Float32Array.from(numericColumnValues(column)), dims };
    }
  }
  return feeds;
}
