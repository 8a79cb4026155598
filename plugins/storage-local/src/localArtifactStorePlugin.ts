import { definePlugin, tokens } from '@mlops/core';
import { LocalArtifactStore } from './LocalArtifactStore';
import { resolveStorePath } from './lib/resolveStorePath';
import { localArtifactStoreOptions } from './options';

/** Plugin: the artifact store in a local folder (default `<stateDir>/artifacts`). */
export const localArtifactStore = definePlugin({
  name: 'storage-local',
  provides: tokens.artifactStore,
  options: localArtifactStoreOptions,
  create: (ctx) =>
    new LocalArtifactStore({
      path: resolveStorePath(ctx, ctx.options.path, 'artifacts'),
      staleTempMs: ctx.options.staleTempMinutes * 60_000,
      logger: ctx.logger,
    }),
});
