import { InvalidArgumentError } from 'commander';

/**
 * Parsers for numeric flags. Commander turns an InvalidArgumentError into a usage error (exit 2)
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
