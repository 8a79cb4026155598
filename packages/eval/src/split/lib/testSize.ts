import { assertFraction } from '../../errors/assertArguments';
import { InvalidArgumentError } from '../../errors/errors';

/**
 * Number of test rows for a fraction: `ceil(testFraction × n)`, as sklearn's `train_test_split`,
 * so our sizes match theirs. Throws when either side would be empty.
 */
export function testSize(n: number, testFraction: number): number {
  assertFraction('testFraction', testFraction);
  const nTest = Math.ceil(testFraction * n);
  if (nTest < 1 || nTest > n - 1) {
    throw new InvalidArgumentError(
      `testFraction: ${testFraction} of ${n} rows leaves ${n - nTest} train and ${nTest} test rows; both need at least one`,
    );
  }
  return nTest;
}
