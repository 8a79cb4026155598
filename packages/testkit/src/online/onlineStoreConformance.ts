import { jestGlobals } from '../lib/jestGlobals';
import { expiryCases } from './expiryCases';
import { monotonicCases } from './monotonicCases';
import type { OnlineStoreConformanceOptions, OnlineStoreFactory } from './OnlineStoreSubject';
import { roundTripCases } from './roundTripCases';
import { scaleCases } from './scaleCases';
import { viewCases } from './viewCases';

export type { OnlineStoreConformanceOptions, OnlineStoreFactory, OnlineStoreSubject } from './OnlineStoreSubject';

/**
 * Registers jest tests that check an {@link OnlineStore} meets the contract: every FeatureScalar
 * round-trips (negative zero reads back as 0; NaN, ±Infinity and non-scalars are rejected), results
 * follow the requested keys and features, writes are monotonic in the event time (ties: the later
 * write wins), views are isolated, `deleteView`, `expireAfterMs`, bulk and concurrent writes.
 * Call it at the top level of a test file; `factory` is called once per group and must return an
 * empty store each time.
 */
export function onlineStoreConformance(name: string, factory: OnlineStoreFactory, options: OnlineStoreConformanceOptions = {}): void {
  const { describe } = jestGlobals();
  describe(`${name}: OnlineStore conformance`, () => {
    roundTripCases(factory);
    monotonicCases(factory);
    viewCases(factory);
    expiryCases(factory);
    scaleCases(factory, options);
  });
}
