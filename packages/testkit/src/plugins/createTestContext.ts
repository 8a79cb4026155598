import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHookBus, silentLogger, type HookBus, type Logger, type PluginContext, type PluginDefinition, type Token } from '@mlops/core';
import type { z } from 'zod';

/** Where the fake project lives and what `resolve` returns; all optional. */
export interface TestContextOverrides {
  projectRoot?: string;
  /** Default `<projectRoot>/.mlops`, as in a real project. */
  stateDir?: string;
  logger?: Logger;
  /** Services for the plugin's `requires`, by token id; `ctx.provide` adds to it too. */
  services?: Record<string, unknown>;
  /** Default: a fresh hook bus (its `hooks.errors` counts failing subscribers). */
  hooks?: HookBus;
}

/**
 * The context the runtime would pass to `plugin.create`: `rawOptions` parsed by the plugin's own
 * zod schema (so defaults apply and bad options throw the ZodError the runtime would report).
 */
export function createTestContext<T, S extends z.ZodType, R extends readonly Token<unknown>[]>(
  plugin: PluginDefinition<T, S, R>,
  rawOptions: unknown = {},
  overrides: TestContextOverrides = {},
): PluginContext<z.output<S>, R> {
  const projectRoot = overrides.projectRoot ?? join(tmpdir(), 'mlops-test-project');
  const services = overrides.services ?? {};
  return {
    options: (plugin.options ? plugin.options.parse(rawOptions) : rawOptions) as z.output<S>,
    projectRoot,
    stateDir: overrides.stateDir ?? join(projectRoot, '.mlops'),
    logger: overrides.logger ?? silentLogger,
    resolve: ((token: Token<unknown>) => {
      if (!(token.id in services)) throw new Error(`plugin "${plugin.name}" resolved ${token.id}, which the test context does not provide`);
      return services[token.id];
    }) as PluginContext<z.output<S>, R>['resolve'],
    tryResolve: ((token: Token<unknown>) => services[token.id]) as PluginContext<z.output<S>, R>['tryResolve'],
    provide: (token, value) => void (services[token.id] = value),
    hooks: overrides.hooks ?? createHookBus(overrides.logger ?? silentLogger),
  };
}
