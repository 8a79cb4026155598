import { s3ArtifactStore } from './plugin';
import { s3DataLocations } from './locations/dataLocationsPlugin';

export { s3ArtifactStore, s3DataLocations };
export { S3ArtifactStore, type S3ArtifactStoreOptions } from './S3ArtifactStore';
export { s3ArtifactStoreOptions, type S3ArtifactStoreUserOptions } from './options';
export { createS3Client, type S3ClientSettings } from './lib/createS3Client';
export { blobKey, digestOfKey } from './lib/blobKey';
export { S3DataLocations, registerS3DataLocations } from './locations/S3DataLocations';
export { s3LocationOptions, s3LocationOptionsFromEnv, type S3LocationUserOptions } from './locations/s3LocationOptions';
export { parseS3Uri } from './locations/parseS3Uri';

/** The package's plugins, for the runtime to pick by slot. */
export const plugins = [s3ArtifactStore, s3DataLocations];
export default plugins;
