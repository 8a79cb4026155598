/** All user-facing wording of this package, in one place. */
export const messages = {
  probability: (name: string, value: unknown) => `${name}: expected a probability in [0, 1], received ${String(value)}`,
  positiveInteger: (name: string, value: unknown) => `${name}: expected a positive integer, received ${String(value)}`,
  nonNegativeInteger: (name: string, value: unknown) =>
    `${name}: expected a non-negative integer, received ${String(value)}`,
  nonNegativeNumber: (name: string, value: unknown) => `${name}: expected a non-negative number, received ${String(value)}`,
  keep: (value: unknown) => `keep: expected 'first' or 'last', received ${JSON.stringify(value)}`,
  emptyKeys: () => 'keys: expected at least one column name (omit keys to compare whole rows)',
  unsupportedDType: (what: string, dtype: string, expected: readonly string[]) =>
    `${what} needs a ${expected.join(' or ')} column, received a ${dtype} column`,
};
