import { featureStore } from './plugin';

export { featureStore };
export * from './definitions';
export { SqlFeatureStore, type SqlFeatureStoreOptions } from './SqlFeatureStore';
export { featureStoreOptions, type FeatureStoreUserOptions } from './options';
export { EntityKeyError, FeatureDefinitionError, FeatureStoreUsageError, IncompatibleChangeError, StreamConnectionError } from './errors';
export { EmbeddedOnlineStore, type EmbeddedOnlineStoreOptions } from './online';
export { entityKeyOf } from './lib/entityKey';
export type { SqlTarget } from './lib/SqlTarget';
export type { FeatureMetrics } from './metrics/createFeatureMetrics';

export default featureStore;
