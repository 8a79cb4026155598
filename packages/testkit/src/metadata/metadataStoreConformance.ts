import { jestGlobals } from '../lib/jestGlobals';
import { artifactCases } from './artifactCases';
import { concurrencyCases } from './concurrencyCases';
import { datasetCases } from './datasetCases';
import type { MetadataStoreConformanceOptions, MetadataStoreFactory } from './MetadataStoreSubject';
import { recordStepRunCases } from './recordStepRunCases';
import { runCases } from './runCases';
import { stepRunCases } from './stepRunCases';

/**
 * Registers jest tests that check a {@link MetadataStore} meets the contract, including several
 * processes writing at once. Call it at the top level of a test file. `factory` is called once per
 * group (runs, step runs, artifacts, concurrency) and must return an empty store each time; errors
 * are matched by `code`, so a store built against another copy of @mlops/core passes too.
 */
export function metadataStoreConformance(name: string, factory: MetadataStoreFactory, options: MetadataStoreConformanceOptions = {}): void {
  const { describe } = jestGlobals();
  describe(`${name}: MetadataStore conformance`, () => {
    runCases(factory);
    stepRunCases(factory);
    recordStepRunCases(factory);
    artifactCases(factory);
    datasetCases(factory);
    concurrencyCases(factory, options);
  });
}
