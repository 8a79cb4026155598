import { TransformDataError } from '../errors';
import { messages } from '../messages';
import type { FittedTransformData } from '../Transform';

/**
 * Typed reads of serialized transform data. Loaders go through these so malformed data fails with
 * the kind, the field and what was expected, instead of a TypeError later.
 */
export class DataReader {
  constructor(
    private readonly data: FittedTransformData,
    private readonly kind: string,
  ) {}

  string(field: string): string {
    const v = this.data[field];
    if (typeof v !== 'string') this.fail(field, 'a string', v);
    return v as string;
  }

  oneOf<T extends string>(field: string, allowed: readonly T[]): T {
    const v = this.data[field];
    if (!allowed.includes(v as T)) this.fail(field, `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`, v);
    return v as T;
  }

  /** A number, or `null` read as NaN (JSON has no NaN). */
  numberOrNaN(field: string): number {
    const v = this.data[field];
    if (v === null) return NaN;
    if (typeof v !== 'number') this.fail(field, 'a number or null', v);
    return v as number;
  }

  strings(field: string, length?: number): string[] {
    return this.array(field, length, 'strings', (v) => typeof v === 'string') as string[];
  }

  numbers(field: string, length?: number): number[] {
    return this.array(field, length, 'numbers', (v) => typeof v === 'number' && Number.isFinite(v)) as number[];
  }

  /** An array of `length` entries, each a number or a string. */
  scalars(field: string, length?: number): (number | string)[] {
    return this.array(field, length, 'numbers or strings', (v) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) as (number | string)[];
  }

  /** An array of `length` arrays of strings. */
  stringLists(field: string, length?: number): string[][] {
    return this.array(field, length, 'arrays of strings', (v) => Array.isArray(v) && v.every((s) => typeof s === 'string')) as string[][];
  }

  private array(field: string, length: number | undefined, what: string, ok: (v: unknown) => boolean): unknown[] {
    const v = this.data[field];
    const expected = `an array of ${length === undefined ? '' : `${length} `}${what}`;
    if (!Array.isArray(v) || (length !== undefined && v.length !== length) || !v.every(ok)) this.fail(field, expected, v);
    return v as unknown[];
  }

  private fail(field: string, expected: string, value: unknown): never {
    throw new TransformDataError(this.kind, messages.badField(field, expected, value));
  }
}
