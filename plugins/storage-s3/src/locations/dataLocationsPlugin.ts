import { definePlugin, tokens } from '@mlops/core';
import { S3DataLocations } from './S3DataLocations';
import { s3LocationOptions } from './s3LocationOptions';

/**
 * Plugin: `s3://bucket/key` wherever a data path is accepted. Configured under
 * `plugins.dataLocations`, it is started by every command (a data path can appear anywhere) and
 * registers the scheme while the command runs.
 */
export const s3DataLocations = definePlugin({
  name: 'data-locations-s3',
  provides: tokens.dataLocations,
  options: s3LocationOptions,
  create: (ctx) => {
    const handler = new S3DataLocations(ctx.options);
    return { schemes: ['s3'], start: () => handler.start(), close: () => handler.close() };
  },
});
