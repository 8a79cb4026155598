export type * from './records';
export type * from './MetadataStore';
export type * from './ArtifactStore';
