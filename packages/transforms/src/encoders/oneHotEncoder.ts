import { float64Column, type CategoryColumn, type Column, type Frame } from '@mlops/frame';
import { TransformApplyError, TransformConfigError, TransformFitError } from '../errors';
import { replaceColumn } from '../lib/replaceColumn';
import { DataReader } from '../lib/readData';
import { categoryRule, requireColumn, selectColumns } from '../lib/selectColumns';
import { messages } from '../messages';
import type { OnnxExportContext } from '../onnx/OnnxExportContext';
import type { FittedTransform, FittedTransformData, Transform } from '../Transform';
import { categoryLookup, lookupUnknown } from './lib/categoryLookup';
import { fitCategories } from './lib/fitCategories';
import { oneHotOnnx } from './lib/oneHotOnnx';

const kind = 'one-hot-encoder';
const modes = ['error', 'ignore'] as const;

/** Options of `oneHotEncoder`. */
export interface OneHotEncoderOptions {
  /** Category columns to encode; default: every category column. */
  readonly columns?: readonly string[];
  /** A category not seen in training: `'error'` (default, as scikit-learn) throws, `'ignore'` gives all zeros. */
  readonly handleUnknown?: 'error' | 'ignore';
}

/**
 * Replaces each category column `c` by one float64 0/1 column per training category, named
 * `c_<category>` (scikit-learn's `get_feature_names_out`), categories sorted by code point as
 * scikit-learn sorts them. A missing value (null or `''`) encodes as all zeros.
 */
export function oneHotEncoder(options: OneHotEncoderOptions = {}): Transform {
  const handleUnknown = options.handleUnknown ?? 'error';
  if (!modes.includes(handleUnknown)) {
    throw new TransformConfigError(kind, `handleUnknown must be 'error' or 'ignore'; received ${JSON.stringify(handleUnknown)}`);
  }
  return {
    name: kind,
    fit(frame: Frame): FittedTransform {
      const columns = selectColumns(frame, kind, options.columns, categoryRule);
      const fitted = new FittedOneHotEncoder(columns, fitCategories(frame, columns), handleUnknown);
      const kept = new Set(frame.names.filter((n) => !columns.includes(n)));
      fitted.columns.forEach((column, i) => {
        for (const name of fitted.outputNames(i)) {
          if (kept.has(name)) throw new TransformFitError(kind, messages.nameClash(name, column));
          kept.add(name);
        }
      });
      return fitted;
    },
  };
}

/** Rebuilds a fitted one-hot encoder from its `toJSON()` data. */
export function loadOneHotEncoder(data: FittedTransformData): FittedTransform {
  const read = new DataReader(data, kind);
  const columns = read.strings('columns');
  return new FittedOneHotEncoder(columns, read.stringLists('categories', columns.length), read.oneOf('handleUnknown', modes));
}

class FittedOneHotEncoder implements FittedTransform {
  readonly name = kind;
  readonly kind = kind;

  constructor(
    readonly columns: readonly string[],
    readonly categories: readonly (readonly string[])[],
    readonly handleUnknown: 'error' | 'ignore',
  ) {}

  /** Names of the indicator columns that replace column `i`. */
  outputNames(i: number): string[] {
    return this.categories[i].map((c) => `${this.columns[i]}_${c}`);
  }

  transform(frame: Frame): Frame {
    let out = frame;
    this.columns.forEach((name, i) => {
      const column = requireColumn(frame, kind, name, categoryRule) as CategoryColumn;
      const names = this.outputNames(i);
      const indicators = this.encode(column, i);
      out = replaceColumn(out, name, names.map((n, k): [string, Column] => [n, float64Column(indicators[k])]));
    });
    return out;
  }

  toJSON(): FittedTransformData {
    return { kind, version: 1, columns: [...this.columns], categories: this.categories.map((c) => [...c]), handleUnknown: this.handleUnknown };
  }

  onnx(ctx: OnnxExportContext): void {
    this.columns.forEach((name, i) => oneHotOnnx(ctx, name, this.categories[i], this.outputNames(i), this.handleUnknown));
  }

  private encode(column: CategoryColumn, i: number): Float64Array[] {
    const categories = this.categories[i];
    const indicators = categories.map(() => new Float64Array(column.length));
    const lookup = categoryLookup(column, categories);
    for (let row = 0; row < column.length; row++) {
      const code = column.data[row];
      if (code < 0) continue;
      const at = lookup[code];
      if (at >= 0) indicators[at][row] = 1;
      else if (at === lookupUnknown && this.handleUnknown === 'error') {
        throw new TransformApplyError(kind, messages.unknownCategory(this.columns[i], column.dictionary[code], row, categories));
      }
    }
    return indicators;
  }
}
