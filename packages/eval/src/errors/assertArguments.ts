import { InvalidArgumentError } from './errors';
import { messages } from './messages';

/** Throws unless `value` is a number with 0 < value < 1. */
export function assertFraction(name: string, value: number): void {
  if (!(typeof value === 'number' && value > 0 && value < 1)) throw new InvalidArgumentError(messages.fraction(name, value));
}

/** Throws unless `value` is an integer ≥ `min`. */
export function assertIntegerAtLeast(name: string, value: number, min: number): void {
  if (!(Number.isInteger(value) && value >= min)) throw new InvalidArgumentError(messages.integerAtLeast(name, min, value));
}

/** Throws unless two per-row arrays have the same length. */
export function assertSameLength(a: string, la: number, b: string, lb: number): void {
  if (la !== lb) throw new InvalidArgumentError(messages.lengths(a, la, b, lb));
}

/** Throws unless every value is an integer class index in [0, nClasses). */
export function assertClassIndices(name: string, values: ArrayLike<number>, nClasses: number): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!(Number.isInteger(v) && v >= 0 && v < nClasses)) throw new InvalidArgumentError(messages.classIndex(name, i, v, nClasses));
  }
}

/** Throws unless every value is finite (NaN would silently poison a sum or a sort). */
export function assertFinite(name: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) throw new InvalidArgumentError(messages.notFinite(name, i, v));
  }
}
