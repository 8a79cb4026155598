import type { Frame } from '@mlops/frame';
import { TransformConfigError, TransformDataError } from '../errors';
import { DataReader } from '../lib/readData';
import { requireColumn, selectColumns, type ColumnRule } from '../lib/selectColumns';
import type { OnnxExportContext } from '../onnx/OnnxExportContext';
import type { FittedTransform, FittedTransformData, Transform } from '../Transform';
import { fitFill } from './lib/fitFill';
import { imputeColumn } from './lib/imputeColumn';
import { imputerOnnx } from './lib/imputerOnnx';
import { imputeStrategies, type ImputeStrategy } from './lib/ImputeStrategy';

const kind = 'simple-imputer';

/** Options of `simpleImputer`. */
export interface SimpleImputerOptions {
  /** Default `'mean'`. `'mean'`/`'median'` need numeric columns; the others also take categories. */
  readonly strategy?: ImputeStrategy;
  /** Fill of `'constant'`: a number for numeric columns, a string for categories (default 0 / `'missing_value'`). */
  readonly fillValue?: number | string;
  /** Columns to impute; default: every column the strategy (and fillValue's type) applies to. */
  readonly columns?: readonly string[];
}

const numeric = ['float64', 'int32', 'bool'] as const;

/**
 * Replaces missing values (nulls and NaN; for categories nulls and `''`) with a value learnt per
 * column, like scikit-learn's SimpleImputer: mean, median, most frequent (ties → smallest) or a
 * constant. Numeric columns come out float64, categories stay categories; neither has nulls after.
 */
export function simpleImputer(options: SimpleImputerOptions = {}): Transform {
  const strategy = options.strategy ?? 'mean';
  const { fillValue } = options;
  if (!imputeStrategies.includes(strategy)) {
    throw new TransformConfigError(kind, `strategy must be one of ${imputeStrategies.join(', ')}; received ${JSON.stringify(strategy)}`);
  }
  if (fillValue !== undefined && strategy !== 'constant') throw new TransformConfigError(kind, `fillValue is only used with strategy 'constant'`);
  if (typeof fillValue === 'number' && !Number.isFinite(fillValue)) throw new TransformConfigError(kind, `fillValue must be finite; received ${fillValue}`);
  const rule = ruleFor(strategy, fillValue);
  return {
    name: kind,
    fit(frame: Frame): FittedTransform {
      const columns = selectColumns(frame, kind, options.columns, rule);
      const fill = columns.map((name) => fitFill(frame, kind, name, strategy, fillValue));
      return loadSimpleImputer({ kind, version: 1, strategy, columns, fill });
    },
  };
}

/** Rebuilds a fitted simple imputer from its `toJSON()` data. */
export function loadSimpleImputer(data: FittedTransformData): FittedTransform {
  const read = new DataReader(data, kind);
  const strategy = read.oneOf('strategy', imputeStrategies);
  const columns = read.strings('columns');
  const fill = read.scalars('fill', columns.length);
  if ((strategy === 'mean' || strategy === 'median') && fill.some((f) => typeof f === 'string')) {
    throw new TransformDataError(kind, `field "fill": strategy ${strategy} fills numbers only`);
  }
  return new FittedSimpleImputer(strategy, columns, fill);
}

class FittedSimpleImputer implements FittedTransform {
  readonly name = kind;
  readonly kind = kind;

  constructor(
    readonly strategy: ImputeStrategy,
    readonly columns: readonly string[],
    readonly fill: readonly (number | string)[],
  ) {}

  transform(frame: Frame): Frame {
    let out = frame;
    this.columns.forEach((name, i) => {
      const fill = this.fill[i];
      const expected = typeof fill === 'string' ? categoryOnly : numericOnly;
      out = out.withColumn(name, imputeColumn(requireColumn(frame, kind, name, expected), fill));
    });
    return out;
  }

  toJSON(): FittedTransformData {
    return { kind, version: 1, strategy: this.strategy, columns: [...this.columns], fill: [...this.fill] };
  }

  onnx(ctx: OnnxExportContext): void {
    this.columns.forEach((name, i) => imputerOnnx(ctx, name, this.fill[i]));
  }
}

const numericOnly = { accepts: numeric, expected: 'a numeric column (float64, int32 or bool), as when fitted' };
const categoryOnly = { accepts: ['category'] as const, expected: 'a category column, as when fitted' };

// Which columns each strategy takes: numbers for mean/median; numbers and categories otherwise,
// unless a constant's type decides (a number cannot fill a category, nor a string a number).
function ruleFor(strategy: ImputeStrategy, fillValue: number | string | undefined): ColumnRule {
  if (strategy === 'mean' || strategy === 'median' || typeof fillValue === 'number') {
    return { accepts: numeric, byDefault: ['float64', 'int32'], expected: `a numeric column (float64, int32 or bool) for strategy ${strategy}${typeof fillValue === 'number' ? ' with a numeric fillValue' : ''}` };
  }
  if (typeof fillValue === 'string') {
    return { accepts: ['category'], byDefault: ['category'], expected: 'a category column for a string fillValue' };
  }
  return { accepts: [...numeric, 'category'], byDefault: ['float64', 'int32', 'category'], expected: 'a numeric or category column' };
}
