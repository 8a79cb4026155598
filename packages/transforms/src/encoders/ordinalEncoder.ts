import { float64Column, type CategoryColumn, type Frame } from '@mlops/frame';
import { attr } from '@mlops/onnx';
import { TransformApplyError, TransformConfigError, TransformFitError } from '../errors';
import { DataReader } from '../lib/readData';
import { categoryRule, requireColumn, selectColumns } from '../lib/selectColumns';
import { messages } from '../messages';
import type { OnnxExportContext } from '../onnx/OnnxExportContext';
import type { FittedTransform, FittedTransformData, Transform } from '../Transform';
import { categoryLookup, lookupMissing } from './lib/categoryLookup';
import { fitCategories } from './lib/fitCategories';

const kind = 'ordinal-encoder';

/** Options of `ordinalEncoder`. */
export interface OrdinalEncoderOptions {
  /** Category columns to encode; default: every category column. */
  readonly columns?: readonly string[];
  /**
   * Code for categories not seen in training (scikit-learn's `handle_unknown='use_encoded_value'`),
   * e.g. -1 or NaN. Without it an unknown category throws.
   */
  readonly unknownValue?: number;
}

/**
 * Replaces each category column by the float64 index of its value among the sorted training
 * categories (scikit-learn's OrdinalEncoder). Missing values (null or `''`) become NaN, as
 * scikit-learn's default `encoded_missing_value`.
 */
export function ordinalEncoder(options: OrdinalEncoderOptions = {}): Transform {
  const { unknownValue } = options;
  if (unknownValue !== undefined && typeof unknownValue !== 'number') {
    throw new TransformConfigError(kind, `unknownValue must be a number (or NaN); received ${JSON.stringify(unknownValue)}`);
  }
  return {
    name: kind,
    fit(frame: Frame): FittedTransform {
      const columns = selectColumns(frame, kind, options.columns, categoryRule);
      const categories = fitCategories(frame, columns);
      columns.forEach((name, i) => {
        if (unknownValue !== undefined && Number.isInteger(unknownValue) && unknownValue >= 0 && unknownValue < categories[i].length) {
          throw new TransformFitError(kind, `unknownValue ${unknownValue} is already the code of category ${JSON.stringify(categories[i][unknownValue])} in column ${JSON.stringify(name)}`);
        }
      });
      return new FittedOrdinalEncoder(columns, categories, unknownValue);
    },
  };
}

/** Rebuilds a fitted ordinal encoder from its `toJSON()` data. */
export function loadOrdinalEncoder(data: FittedTransformData): FittedTransform {
  const read = new DataReader(data, kind);
  const columns = read.strings('columns');
  const categories = read.stringLists('categories', columns.length);
  const mode = read.oneOf('handleUnknown', ['error', 'use_encoded_value'] as const);
  return new FittedOrdinalEncoder(columns, categories, mode === 'error' ? undefined : read.numberOrNaN('unknownValue'));
}

class FittedOrdinalEncoder implements FittedTransform {
  readonly name = kind;
  readonly kind = kind;

  constructor(
    readonly columns: readonly string[],
    readonly categories: readonly (readonly string[])[],
    readonly unknownValue: number | undefined,
  ) {}

  transform(frame: Frame): Frame {
    let out = frame;
    this.columns.forEach((name, i) => {
      const column = requireColumn(frame, kind, name, categoryRule) as CategoryColumn;
      const { values, nulls } = this.encode(column, i);
      out = out.withColumn(name, float64Column(values, nulls));
    });
    return out;
  }

  toJSON(): FittedTransformData {
    const known = this.unknownValue !== undefined;
    return {
      kind,
      version: 1,
      columns: [...this.columns],
      categories: this.categories.map((c) => [...c]),
      handleUnknown: known ? 'use_encoded_value' : 'error',
      // JSON has no NaN: null stands for it.
      unknownValue: known && !Number.isNaN(this.unknownValue) ? this.unknownValue! : null,
    };
  }

  // LabelEncoder (ai.onnx.ml 2) maps strings to floats: each category to its index, '' (missing)
  // to NaN, anything else to the default. It cannot fail, so without unknownValue an unknown
  // category gives NaN in ONNX where the in-process encoder throws.
  onnx(ctx: OnnxExportContext): void {
    this.columns.forEach((name, i) => {
      const input = ctx.column(name);
      const output = ctx.tensorName(`${name}/ordinal`);
      const categories = this.categories[i];
      ctx.graph.node(
        'LabelEncoder',
        [input.tensor],
        [output],
        {
          keys_strings: attr.strings([...categories, '']),
          values_floats: attr.floats([...categories.map((_, k) => k), NaN]),
          default_float: attr.float(this.unknownValue ?? NaN),
        },
        'ai.onnx.ml',
      );
      ctx.setColumn(name, { tensor: output, type: 'float' });
    });
  }

  // A missing category stays missing: null (NaN in the data), like scikit-learn's NaN.
  private encode(column: CategoryColumn, i: number): { values: Float64Array; nulls: Uint8Array | undefined } {
    const lookup = categoryLookup(column, this.categories[i]);
    const out = new Float64Array(column.length);
    let nulls: Uint8Array | undefined;
    for (let row = 0; row < out.length; row++) {
      const code = column.data[row];
      const at = code < 0 ? lookupMissing : lookup[code];
      if (at >= 0) out[row] = at;
      else if (at === lookupMissing) (nulls ??= new Uint8Array(out.length))[row] = 1;
      else if (this.unknownValue !== undefined) out[row] = this.unknownValue;
      else throw new TransformApplyError(kind, messages.unknownCategoryOrdinal(this.columns[i], column.dictionary[code], row));
    }
    return { values: out, nulls };
  }
}
