import { InvalidArgumentError } from 'commander';

/**
 * Parsers for flag values (numbers, and one of a fixed set). Commander turns an InvalidArgumentError into a usage error (exit 2)
 * that names the flag, so each message says only what was expected and what was found. Why not
 * `parseInt`: it reads `1.5` as 1 and `abc` as NaN, which then fails far away (a SQL "datatype
 * mismatch") or silently means something else.
 */
export function integerArg(min: number, max = Number.MAX_SAFE_INTEGER): (value: string) => number {
  return (value) => {
    const n = value.trim() === '' ? Number.NaN : Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`expected ${max === Number.MAX_SAFE_INTEGER ? `a whole number ≥ ${min}` : `a whole number from ${min} to ${max}`}, found ${JSON.stringify(value)}`);
    }
    return n;
  };
}

/** A finite number above `exclusiveMin` (or at least `min` when `inclusive`). */
export function numberArg(min: number, { inclusive = false } = {}): (value: string) => number {
  return (value) => {
    const n = value.trim() === '' ? Number.NaN : Number(value);
    if (!Number.isFinite(n) || (inclusive ? n < min : n <= min)) throw new InvalidArgumentError(`expected a number ${inclusive ? '≥' : '>'} ${min}, found ${JSON.stringify(value)}`);
    return n;
  };
}

/** One of `values`; anything else fails naming them all (a typo would otherwise match nothing, silently). */
export function choiceArg<T extends string>(values: readonly T[]): (value: string) => T {
  return (value) => {
    if (!(values as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${values.join(', ')}, found ${JSON.stringify(value)}`);
    return value as T;
  };
}
