import { z } from 'zod';

/**
 * Options of the `s3DataLocations` plugin: the connection part of the S3 artifact store's options
 * (same names, same `env('…')` use), without bucket and prefix, which every URI names itself.
 */
export const s3LocationOptions = z
  .object({
    /** `http(s)://host:port` of an S3-compatible server; AWS (or `AWS_ENDPOINT_URL_S3`) when omitted. */
    endpoint: z.url({ protocol: /^https?$/ }).optional(),
    /** The buckets' region; `AWS_REGION` or `us-east-1` when omitted. */
    region: z.string().min(1).optional(),
    forcePathStyle: z.boolean().default(false),
    /** Static credentials, usually `env('…')`; without them the AWS default chain applies. */
    credentials: z
      .object({ accessKeyId: z.string().min(1), secretAccessKey: z.string().min(1), sessionToken: z.string().min(1).optional() })
      .strict()
      .optional(),
    maxAttempts: z.number().int().min(1).max(20).default(4),
    connectTimeoutMs: z.number().int().positive().default(3000),
  })
  .strict();

export type S3LocationUserOptions = z.input<typeof s3LocationOptions>;
export type S3LocationResolvedOptions = z.output<typeof s3LocationOptions>;

/**
 * Options from the standard AWS variables, for scripts without a config: `AWS_ENDPOINT_URL_S3` (or
 * `AWS_ENDPOINT_URL`), `AWS_REGION`; credentials come from the SDK's default chain
 * (`AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`, profiles, instance roles). `AWS_S3_FORCE_PATH_STYLE=true`
 * (not an AWS variable; MinIO and moto need path-style URLs) sets `forcePathStyle`.
 */
export function s3LocationOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): S3LocationResolvedOptions {
  return s3LocationOptions.parse({
    endpoint: env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL || undefined,
    region: env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined,
    forcePathStyle: env.AWS_S3_FORCE_PATH_STYLE === 'true',
  });
}
