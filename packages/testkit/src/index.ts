export { artifactStoreConformance } from './artifact/artifactStoreConformance';
export type { ArtifactStoreConformanceOptions, ArtifactStoreFactory, ArtifactStoreSubject } from './artifact/ArtifactStoreSubject';
export { metadataStoreConformance } from './metadata/metadataStoreConformance';
export type { MetadataStoreConformanceOptions, MetadataStoreFactory, MetadataStoreSubject, RemoteStoreRecipe } from './metadata/MetadataStoreSubject';
export { sampleArtifact, sampleRun, sampleStepRun } from './metadata/sampleRecords';
export { describeWithService, requireServiceOrSkip, servicesRequired, requireServicesEnv, type ServiceProbe } from './services/describeWithService';
export { probeTcp } from './services/probeTcp';
export { postgresTestUrl, postgresUrlEnv, tcpTargetOfUrl, uniqueTestName } from './services/testServices';
export { chunked, collect, randomContent, sha256Digest } from './lib/bytes';
