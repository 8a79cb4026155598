import { definePlugin, tokens } from '@mlops/core';
import { HttpModelServer } from './HttpModelServer';
import { httpServerOptions } from './options';

/** Plugin: the HTTP model server (`mlops serve`). */
export const httpServer = definePlugin({
  name: 'server',
  provides: tokens.server,
  options: httpServerOptions,
  requires: [tokens.modelRuntime],
  optional: [tokens.modelRegistry, tokens.artifactStore, tokens.featureStore],
  create: (ctx) =>
    new HttpModelServer(ctx.options, {
      runtime: ctx.resolve(tokens.modelRuntime),
      registry: ctx.tryResolve(tokens.modelRegistry),
      artifacts: ctx.tryResolve(tokens.artifactStore),
      featureStore: ctx.tryResolve(tokens.featureStore),
      projectRoot: ctx.projectRoot,
      stateDir: ctx.stateDir,
      logger: ctx.logger,
    }),
});
