/** Where a store lives, for messages: `s3://bucket/prefix at http://endpoint`. */
export interface S3Place {
  bucket: string;
  prefix: string;
  /** The configured endpoint, or `AWS (region)`. */
  endpoint: string;
}

const at = (p: S3Place) => `s3://${p.bucket}/${p.prefix} at ${p.endpoint}`;

/** All wording of the S3 artifact store's errors. */
export const s3Messages = {
  unreachable: (p: S3Place, op: string, why: string) =>
    `s3 artifact store: ${op} failed: cannot reach ${p.endpoint} (bucket "${p.bucket}"): ${why}. Check the endpoint option and that the server is running.`,
  credentials: (p: S3Place, op: string, why: string) =>
    `s3 artifact store: ${op} failed: ${p.endpoint} rejected the credentials for bucket "${p.bucket}": ${why}. Check the credentials option (or AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY).`,
  noBucket: (p: S3Place, op: string) => `s3 artifact store: ${op} failed: bucket "${p.bucket}" does not exist at ${p.endpoint}. Create it, or fix the bucket option.`,
  failed: (p: S3Place, op: string, why: string) => `s3 artifact store: ${op} failed on ${at(p)}: ${why}`,
  sizeMismatch: (digest: string, expected: number, actual: number) => `artifact ${digest} is corrupt: the object holds ${actual} bytes where ${expected} were stored`,
  checksumMismatch: (digest: string, recorded: string, actual: string) =>
    `artifact ${digest} is corrupt: its content's checksum is ${actual} where ${recorded} was recorded at upload`,
  hashThreadFailed: (why: string) => `s3 artifact store: the thread verifying a read failed: ${why}`,
} as const;
