import type * as JestGlobals from '@jest/globals';

/**
 * jest's globals, loaded on first use: `@jest/globals` throws when imported outside jest, and the
 * testkit's in-memory stores must stay importable from plain scripts and configs.
 */
export function jestGlobals(): typeof JestGlobals {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@jest/globals') as typeof JestGlobals;
}
