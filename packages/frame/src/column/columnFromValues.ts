import type { Column, DType } from './Column';
import { assertDType } from './assertDType';
import { BoolBuilder } from '../build/BoolBuilder';
import { CategoryBuilder } from '../build/CategoryBuilder';
import { Float64Builder } from '../build/Float64Builder';
import { Int32Builder } from '../build/Int32Builder';
import { InvalidColumnError } from '../errors/errors';
import { messages } from '../errors/messages';
import { parseIsoBytes } from '../text/parseTimestampBytes';

/**
 * The dtype `columnFromValues` picks for JS values (null/undefined are ignored):
 * all numbers/bigints → `int32` if every one is an integer in int32 range, else `float64`;
 * all booleans → `bool`; all Dates → `timestamp`; all strings → `category`; any other mix → `category`
 * (values stringified); nothing but nulls → `float64`. Strings are not sniffed for dates here.
 */
export function inferValuesDType(values: readonly unknown[]): DType {
  let numbers = 0, ints = 0, bools = 0, dates = 0, strings = 0, other = 0;
  for (const v of values) {
    if (v === null || v === undefined) continue;
    if (typeof v === 'number' || typeof v === 'bigint') {
      numbers++;
      const n = Number(v);
      if (Number.isInteger(n) && n >= -2147483648 && n <= 2147483647 && !Object.is(n, -0)) ints++;
    } else if (typeof v === 'boolean') bools++;
    else if (v instanceof Date) dates++;
    else if (typeof v === 'string') strings++;
    else other++;
  }
  const total = numbers + bools + dates + strings + other;
  if (total === 0) return 'float64';
  if (numbers === total) return ints === total ? 'int32' : 'float64';
  if (bools === total) return 'bool';
  if (dates === total) return 'timestamp';
  return 'category';
}

/**
 * Builds a column from plain JS values, for small inputs and tests (not a hot path).
 * With `dtype`, values must fit it: numbers/bigints for float64, integers for int32, booleans
 * (or 0/1) for bool, Dates/epoch-ms numbers/ISO strings for timestamp; category stringifies
 * numbers, booleans and Dates. null and undefined are nulls; NaN stays a float64 value.
 */
export function columnFromValues(values: readonly unknown[], dtype: DType = inferValuesDType(values)): Column {
  assertDType('columnFromValues', dtype);
  const n = values.length;
  switch (dtype) {
    case 'float64': {
      const b = new Float64Builder(n);
      values.forEach((v, i) => (isMissing(v) ? b.pushNull() : b.push(toFloat(v, i))));
      return b.finishFloat64();
    }
    case 'timestamp': {
      const b = new Float64Builder(n);
      values.forEach((v, i) => (isMissing(v) ? b.pushNull() : b.push(toEpochMs(v, i))));
      return b.finishTimestamp();
    }
    case 'int32': {
      const b = new Int32Builder(n);
      values.forEach((v, i) => (isMissing(v) ? b.pushNull() : b.push(toInt32(v, i))));
      return b.finish();
    }
    case 'bool': {
      const b = new BoolBuilder(n);
      values.forEach((v, i) => (isMissing(v) ? b.pushNull() : b.push(toBool(v, i))));
      return b.finish();
    }
    case 'category': {
      const b = new CategoryBuilder(n);
      values.forEach((v, i) => (isMissing(v) ? b.pushNull() : b.pushString(toText(v, i))));
      return b.finish();
    }
  }
}

function isMissing(v: unknown): v is null | undefined {
  return v === null || v === undefined;
}

function invalid(dtype: DType, i: number, v: unknown): never {
  throw new InvalidColumnError(messages.invalidValue(dtype, i, v));
}

function toFloat(v: unknown, i: number): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  return invalid('float64', i, v);
}

function toInt32(v: unknown, i: number): number {
  const n = typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : NaN;
  return Number.isInteger(n) && n >= -2147483648 && n <= 2147483647 ? n : invalid('int32', i, v);
}

function toBool(v: unknown, i: number): boolean {
  if (typeof v === 'boolean') return v;
  return v === 0 || v === 1 ? v === 1 : invalid('bool', i, v);
}

const state = { ok: true, end: 0 };

function toEpochMs(v: unknown, i: number): number {
  if (typeof v === 'number') return v;
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v.getTime();
  if (typeof v === 'string') {
    const bytes = Buffer.from(v, 'latin1');
    const ms = parseIsoBytes(bytes, 0, bytes.length, state);
    if (state.ok) return ms;
  }
  return invalid('timestamp', i, v);
}

function toText(v: unknown, i: number): string {
  if (typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return invalid('category', i, v);
}
