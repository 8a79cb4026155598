import { isAbsolute, join, resolve } from 'node:path';
import { definePlugin, tokens } from '@mlops/core';
import { createS3Client } from './lib/createS3Client';
import { mibBytes, s3ArtifactStoreOptions } from './options';
import { S3ArtifactStore } from './S3ArtifactStore';

/** Plugin: the artifact store in an S3 bucket (AWS or any S3-compatible server). */
export const s3ArtifactStore = definePlugin({
  name: 'storage-s3',
  provides: tokens.artifactStore,
  options: s3ArtifactStoreOptions,
  create: (ctx) => {
    const o = ctx.options;
    const spoolDir = o.spoolDir === undefined ? join(ctx.stateDir, 's3-spool') : isAbsolute(o.spoolDir) ? o.spoolDir : resolve(ctx.projectRoot, o.spoolDir);
    return new S3ArtifactStore({
      client: createS3Client({ ...o, maxSockets: o.concurrency + 4 }),
      bucket: o.bucket,
      prefix: o.prefix,
      endpointLabel: o.endpoint ?? `AWS (${o.region})`,
      spoolDir,
      multipartThresholdBytes: Math.round(o.multipartThresholdMiB * mibBytes),
      partSizeBytes: Math.round(o.partSizeMiB * mibBytes),
      concurrency: o.concurrency,
      staleUploadMs: o.staleUploadMinutes * 60_000,
      verifyReads: o.verifyReads,
      logger: ctx.logger,
    });
  },
});
