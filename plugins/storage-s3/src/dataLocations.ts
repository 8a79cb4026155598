// Entry `@mlops/storage-s3/data-locations`: only the s3:// data-location plugin and helpers. Unlike the
// package's main entry (whose artifact store imports the AWS SDK at load), loading this one loads no
// SDK code until the first s3:// request, so a command that never reads S3 starts as fast as without it.
import { s3DataLocations } from './locations/dataLocationsPlugin';

export { s3DataLocations };
export { S3DataLocations, registerS3DataLocations } from './locations/S3DataLocations';
export { s3LocationOptions, s3LocationOptionsFromEnv, type S3LocationUserOptions } from './locations/s3LocationOptions';
export { parseS3Uri } from './locations/parseS3Uri';

export default [s3DataLocations];
