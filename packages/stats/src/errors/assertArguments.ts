import { InvalidArgumentError } from './errors';
import { messages } from './messages';

/** Throws unless `p` is a number in [0, 1] (numpy raises for the same inputs). */
export function assertProbability(name: string, p: number): void {
  if (!(typeof p === 'number' && p >= 0 && p <= 1)) throw new InvalidArgumentError(messages.probability(name, p));
}

/** Throws unless `value` is an integer ≥ 1. */
export function assertPositiveInteger(name: string, value: number): void {
  if (!(Number.isInteger(value) && value >= 1)) throw new InvalidArgumentError(messages.positiveInteger(name, value));
}

/** Throws unless `value` is an integer ≥ 0. */
export function assertNonNegativeInteger(name: string, value: number): void {
  if (!(Number.isInteger(value) && value >= 0)) throw new InvalidArgumentError(messages.nonNegativeInteger(name, value));
}

/** Throws unless `value` is a number ≥ 0 (not NaN). */
export function assertNonNegativeNumber(name: string, value: number): void {
  if (!(typeof value === 'number' && value >= 0)) throw new InvalidArgumentError(messages.nonNegativeNumber(name, value));
}
