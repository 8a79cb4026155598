import { definePlugin, tokens } from '@mlops/core';
import { LocalArtifactStore } from './LocalArtifactStore';
import { resolveStorePath } from './lib/resolveStorePath';
import { quickLocalArtifactStoreOptions } from './quickOptions';

/** Plugin: the artifact store in a local folder (default `<stateDir>/artifacts`). */
export const localArtifactStore = definePlugin({
  name: 'storage-local',
  provides: tokens.artifactStore,
  // The schema (zod) loads on first read only: a valid usual config never needs it.
  get options() {
    return (require('./options') as typeof import('./options')).localArtifactStoreOptions;
  },
  quickParseOptions: quickLocalArtifactStoreOptions,
  create: (ctx) =>
    new LocalArtifactStore({
      path: resolveStorePath(ctx, ctx.options.path, 'artifacts'),
      staleTempMs: ctx.options.staleTempMinutes * 60_000,
      logger: ctx.logger,
    }),
});
