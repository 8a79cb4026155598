import { s3ArtifactStore } from './plugin';

export { s3ArtifactStore };
export { S3ArtifactStore, type S3ArtifactStoreOptions } from './S3ArtifactStore';
export { s3ArtifactStoreOptions, type S3ArtifactStoreUserOptions } from './options';
export { createS3Client, type S3ClientSettings } from './lib/createS3Client';
export { blobKey, digestOfKey } from './lib/blobKey';

/** The package's plugins, for the runtime to pick by slot. */
export const plugins = [s3ArtifactStore];
export default plugins;
