import { definePlugin, tokens, type ModelServer } from '@mlops/core';
import { HttpModelServer } from './HttpModelServer';
import { httpServerOptions } from './options';

/** Plugin: the HTTP model server (`mlops serve`). */
export const httpServer = definePlugin({
  name: 'server',
  provides: tokens.server,
  options: httpServerOptions,
  requires: [tokens.modelRuntime],
  optional: [tokens.modelRegistry, tokens.artifactStore, tokens.featureStore, tokens.monitor],
  create: (ctx) =>
    servesOnListen(
      new HttpModelServer(ctx.options, {
        runtime: ctx.resolve(tokens.modelRuntime),
        registry: ctx.tryResolve(tokens.modelRegistry),
        artifacts: ctx.tryResolve(tokens.artifactStore),
        featureStore: ctx.tryResolve(tokens.featureStore),
        // POST /feedback narrows it with isFeedbackSink: the server never depends on a monitor plugin.
        monitor: ctx.tryResolve(tokens.monitor),
        hooks: ctx.hooks,
        projectRoot: ctx.projectRoot,
        stateDir: ctx.stateDir,
        logger: ctx.logger,
      }),
    ),
});

/**
 * The server as the runtime sees it: no `start`, so a config that names a server does not make
 * `mlops run` bind a port or fork workers; `mlops serve` calls `listen`.
 */
function servesOnListen(server: HttpModelServer): ModelServer {
  return {
    listen: () => server.listen(),
    get url() {
      return server.url;
    },
    model: () => server.model(),
    reload: () => server.reload(),
    health: () => server.health(),
    close: () => server.close(),
  };
}
