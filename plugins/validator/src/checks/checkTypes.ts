import { boolColumn, float64Column, int32Column, timestampColumn, type CategoryColumn, type Column, type DType, type Frame } from '@mlops/frame';
import { messages } from '../messages';
import type { Example } from '../report/ReportEntry';
import type { CheckContext } from './CheckContext';

/** The frame with lossless conversions applied, and the columns whose dtype now matches the schema. */
export interface TypesResult {
  frame: Frame;
  typed: Set<string>;
}

/**
 * Compares each present column's dtype with the schema. Lossless conversions are applied and
 * reported: int32 → float64 (pass), float64 → int32 when every value is an integer, and text → a
 * number, bool or timestamp when every value parses (warn). Anything else fails, counting the
 * values that do not fit, so a string in a numeric column is an error naming the column, never
 * a silent NaN. Later value checks skip columns that failed here.
 */
export function checkTypes(ctx: CheckContext, present: readonly string[]): TypesResult {
  let frame = ctx.input;
  const typed = new Set<string>();
  for (const name of present) {
    const expected = ctx.schema.columns[name].dtype;
    const column = frame.column(name);
    const severity = ctx.severity('type', { column: name });
    if (column.dtype === expected) {
      typed.add(name);
      ctx.add({ check: 'type', column: name, severity, badCount: 0, message: messages.typeOk(name, expected) });
      continue;
    }
    const { converted, bad } = convert(column, expected);
    const examples: Example[] = [];
    for (let i = 0; i < bad.length && examples.length < ctx.maxExamples; i++) if (bad[i]) examples.push(ctx.example(name, i));
    const badCount = bad.reduce((n, b) => n + b, 0);
    if (converted && badCount === 0) {
      frame = frame.withColumn(name, converted);
      typed.add(name);
      const widening = column.dtype === 'int32' && expected === 'float64';
      ctx.add({
        check: 'type',
        column: name,
        severity: widening ? severity : 'warn',
        status: widening ? 'pass' : 'warn',
        badCount: widening ? 0 : nonNull(column),
        message: messages.typeConverted(name, column.dtype, expected),
        details: { found: column.dtype, expected, converted: true },
      });
      continue;
    }
    ctx.add({ check: 'type', column: name, severity, badCount: Math.max(1, badCount), examples, message: messages.typeMismatch(name, column.dtype, expected, badCount), details: { found: column.dtype, expected } });
  }
  return { frame, typed };
}

function nonNull(column: Column): number {
  let n = 0;
  for (let i = 0; i < column.length; i++) if (column.nulls === undefined || column.nulls[i] === 0) n++;
  return n;
}

/** The column converted to `to` (undefined when no lossless route exists) and a 0/1 mask of values that do not fit. */
function convert(column: Column, to: DType): { converted?: Column; bad: Uint8Array } {
  const n = column.length;
  const bad = new Uint8Array(n);
  const isNull = (i: number) => column.nulls !== undefined && column.nulls[i] === 1;
  if (column.dtype === 'int32' && to === 'float64') return { converted: float64Column(Float64Array.from(column.data), column.nulls?.slice()), bad };
  if (column.dtype === 'float64' && to === 'int32') {
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      if (isNull(i)) continue;
      const v = column.data[i];
      if (Number.isInteger(v) && v >= -2147483648 && v <= 2147483647) out[i] = v;
      else bad[i] = 1;
    }
    return { converted: int32Column(out, column.nulls?.slice()), bad };
  }
  if (column.dtype === 'category' && to !== 'category') return parseText(column, to, bad);
  // No lossless route: every non-null value is of the wrong type.
  for (let i = 0; i < n; i++) bad[i] = isNull(i) ? 0 : 1;
  return { bad };
}

const isoPrefix = /^\d{4}-\d{2}-\d{2}/;

function parseEntry(text: string, to: DType): number | undefined {
  const t = text.trim();
  switch (to) {
    case 'float64': {
      const v = t === '' ? NaN : Number(t);
      return Number.isFinite(v) ? v : undefined;
    }
    case 'int32': {
      const v = t === '' ? NaN : Number(t);
      return Number.isInteger(v) && v >= -2147483648 && v <= 2147483647 ? v : undefined;
    }
    case 'bool':
      return /^true$/i.test(t) ? 1 : /^false$/i.test(t) ? 0 : undefined;
    default: {
      const v = isoPrefix.test(t) ? Date.parse(t) : NaN;
      return Number.isNaN(v) ? undefined : v;
    }
  }
}

/** Category → number/bool/timestamp, parsing each dictionary entry once. */
function parseText(column: CategoryColumn, to: DType, bad: Uint8Array): { converted?: Column; bad: Uint8Array } {
  const parsed = column.dictionary.map((text) => parseEntry(text, to));
  const n = column.length;
  const values = new Float64Array(n);
  const nulls = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const code = column.data[i];
    if (code < 0) {
      nulls[i] = 1;
      continue;
    }
    const v = parsed[code];
    if (v === undefined) bad[i] = 1;
    else values[i] = v;
  }
  switch (to) {
    case 'float64':
      return { converted: float64Column(values, nulls), bad };
    case 'int32':
      return { converted: int32Column(Int32Array.from(values), nulls), bad };
    case 'bool':
      return { converted: boolColumn(Uint8Array.from(values), nulls), bad };
    default:
      return { converted: timestampColumn(values, nulls), bad };
  }
}
