import { DataLocationError } from '@mlops/frame';

/** Bucket and key of an `s3://bucket/key` URI. */
export interface S3Object {
  readonly bucket: string;
  readonly key: string;
}

const bucketPattern = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Splits `s3://bucket/key`; a missing or malformed bucket or an empty key throws naming the URI. */
export function parseS3Uri(uri: string): S3Object {
  const match = /^s3:\/\/([^/]*)\/?(.*)$/i.exec(uri);
  const expected = 's3://BUCKET/KEY (e.g. s3://acme-data/raw/2024/train.csv)';
  if (!match) throw new DataLocationError(uri, `${uri}: expected ${expected}`, { badInput: true, expected });
  const [, bucket, key] = match;
  if (!bucketPattern.test(bucket)) {
    throw new DataLocationError(uri, `${uri}: ${bucket ? `"${bucket}" is not an S3 bucket name (3-63 lowercase letters, digits, dots, hyphens)` : 'the bucket is missing'}; expected ${expected}`, { badInput: true, expected });
  }
  if (key === '' || key.endsWith('/')) throw new DataLocationError(uri, `${uri}: the object key is missing (a URI names one object, not a folder); expected ${expected}`, { badInput: true, expected });
  return { bucket, key };
}
