import { z } from 'zod';

const mib = 1024 * 1024;

// S3's rules for bucket names (3-63 chars, lowercase, digits, dots, hyphens, alphanumeric at both ends).
const bucketName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name (3-63 lowercase letters, digits, dots, hyphens)');

// A key prefix: no leading slash, no `..` segment, no empty segment; a trailing slash is added.
const keyPrefix = z
  .string()
  .max(512)
  .refine((p) => p === '' || p.split('/').filter((s, i, all) => !(i === all.length - 1 && s === '')).every((s) => s !== '' && s !== '.' && s !== '..'), {
    message: 'a key prefix of non-empty segments without "." or ".." (e.g. "team/artifacts")',
  });

/** Options of the `s3ArtifactStore` plugin. */
export const s3ArtifactStoreOptions = z
  .object({
    bucket: bucketName,
    /** Keys are `<prefix>/sha256/<2 hex>/<62 hex>`. */
    prefix: keyPrefix.default('mlops/artifacts'),
    /** `http(s)://host:port` of an S3-compatible server; AWS when omitted. */
    endpoint: z.url({ protocol: /^https?$/ }).optional(),
    region: z.string().min(1).default('us-east-1'),
    /** `http://endpoint/bucket/key` instead of `http://bucket.endpoint/key` (MinIO, moto, most on-premise stores). */
    forcePathStyle: z.boolean().default(false),
    /** Static credentials, usually `env('…')`; without them the AWS default chain applies (env, profile, instance role). */
    credentials: z
      .object({ accessKeyId: z.string().min(1), secretAccessKey: z.string().min(1), sessionToken: z.string().min(1).optional() })
      .strict()
      .optional(),
    /** Blobs above this size go up as a multipart upload. */
    multipartThresholdMiB: z.number().positive().max(5 * 1024).default(16),
    /** Part size of multipart uploads (S3 wants ≥ 5 MiB for all parts but the last); a streamed put holds at most one part in memory before it spools. */
    partSizeMiB: z.number().min(5).max(5 * 1024).default(16),
    /** Parts uploaded at once. */
    concurrency: z.number().int().min(1).max(64).default(4),
    /** Attempts per request, with exponential backoff on throttling, 5xx and dropped connections. */
    maxAttempts: z.number().int().min(1).max(20).default(4),
    /** Time to open a TCP connection before the endpoint counts as unreachable. */
    connectTimeoutMs: z.number().int().positive().default(3000),
    /** Folder for spooling streamed uploads of unknown digest; default `<stateDir>/s3-spool`. */
    spoolDir: z.string().min(1).optional(),
    /**
     * What reads verify: `crc32` the CRC32 recorded in each object's metadata at upload (sha256 for
     * objects without one), `sha256` always the content's sha256 against its address.
     */
    verifyReads: z.enum(['crc32', 'sha256']).default('crc32'),
    /** `start()` removes spool files and aborts this store's multipart uploads older than this. */
    staleUploadMinutes: z.number().nonnegative().default(60),
  })
  .strict();

export type S3ArtifactStoreUserOptions = z.input<typeof s3ArtifactStoreOptions>;
export type S3ArtifactStoreResolvedOptions = z.output<typeof s3ArtifactStoreOptions>;

/** Bytes of a MiB, for the `*MiB` options. */
export const mibBytes = mib;
