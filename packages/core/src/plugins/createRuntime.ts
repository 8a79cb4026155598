import type { DependencyContainer } from 'tsyringe';
import { PluginCloseError, PluginError, SlotNotConfiguredError, type PluginCloseFailure } from '../errors/errors';
import { messages } from '../errors/messages';
import type { ResolvedConfig, ResolvedPlugin } from '../config/ResolvedConfig';
import type { Token } from '../tokens/createToken';
import { ambientSlots, knownProviders, slotOfToken, type SlotName } from '../tokens/tokens';
import { createConsoleLogger, type Logger } from '../util/logger';
import type { Health, Lifecycle } from './Lifecycle';
import { createHookBus, type HookBus } from '../hooks/HookBus';

/** The started plugins of one command or run, by token. */
export interface Runtime {
  readonly config: ResolvedConfig;
  /** The started services in a tsyringe child container, made on first access (tsyringe and reflect-metadata load only then). */
  readonly container: DependencyContainer;
  readonly logger: Logger;
  /** The hooks plugins subscribed to; the runner and the servers emit on it. */
  readonly hooks: HookBus;
  /** The service for a token; throws naming the token if no started plugin provides it. */
  get<T>(token: Token<T>): T;
  has(token: Token<unknown>): boolean;
  /** Health of every started plugin, by slot. */
  health(): Promise<Record<string, Health>>;
  /** Closes plugins in reverse start order; safe to call twice. Throws the error of a plugin that failed to close, or a PluginCloseError listing them all when several did. */
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** Start only these slots (and what they require). Default: every configured slot. */
  slots?: readonly SlotName[];
  logger?: Logger;
}

/** Orders plugins so each comes after the plugins it requires. */
function startOrder(plugins: readonly ResolvedPlugin[], wanted: readonly ResolvedPlugin[]): ResolvedPlugin[] {
  const byToken = new Map(plugins.flatMap((p) => [p.plugin.provides, ...(p.plugin.alsoProvides ?? [])].map((t) => [t.id, p] as const)));
  const order: ResolvedPlugin[] = [];
  const state = new Map<ResolvedPlugin, 'visiting' | 'done'>();
  const visit = (p: ResolvedPlugin, trail: string[]) => {
    if (state.get(p) === 'done') return;
    if (state.get(p) === 'visiting') throw new PluginError(p.plugin.name, messages.cyclicPlugins([...trail, p.plugin.name]));
    state.set(p, 'visiting');
    for (const req of [...(p.plugin.requires ?? []), ...(p.plugin.optional ?? [])]) {
      const dep = byToken.get(req.id);
      if (dep) visit(dep, [...trail, p.plugin.name]);
    }
    state.set(p, 'done');
    order.push(p);
  };
  wanted.forEach((p) => visit(p, []));
  return order;
}

/**
 * Creates and starts the configured plugins in dependency order, each registered under its token in
 * a fresh child container. A plugin that fails to start closes the ones already started.
 */
export async function createRuntime(config: ResolvedConfig, options: RuntimeOptions = {}): Promise<Runtime> {
  const logger = options.logger ?? createConsoleLogger(config.logLevel);
  // Services by token id. A plain map, not a tsyringe container: every service is a ready value, and
  // tsyringe with reflect-metadata (34 modules) would add to the start-up of every command.
  const services = new Map<string, unknown>();
  // Ambient slots (URI schemes) start with every command: any of them may read a data path.
  const wanted = options.slots ? config.plugins.filter((p) => options.slots!.includes(p.slot) || ambientSlots.includes(p.slot)) : config.plugins;
  const started: { plugin: ResolvedPlugin; service: Lifecycle }[] = [];
  let closed = false;
  const hooks = createHookBus(logger);

  const close = async () => {
    if (closed) return;
    closed = true;
    // Announced events (predictions served) reach their subscribers before those close.
    await hooks.flush();
    const failures: PluginCloseFailure[] = [];
    for (const { plugin, service } of [...started].reverse()) {
      try {
        await service.close?.();
      } catch (err) {
        failures.push({ plugin: plugin.plugin.name, error: err });
        logger.warn(`plugin "${plugin.plugin.name}" failed to close: ${(err as Error).message}`);
      }
    }
    services.clear();
    // One failure is rethrown as it is; several are all reported, none swallowed.
    if (failures.length === 1) throw failures[0].error;
    if (failures.length > 1) throw new PluginCloseError(failures);
  };

  for (const p of startOrder(config.plugins, wanted)) {
    const requires = new Set((p.plugin.requires ?? []).map((t) => t.id));
    const optional = new Set((p.plugin.optional ?? []).map((t) => t.id));
    const also = new Map((p.plugin.alsoProvides ?? []).map((t) => [t.id, t]));
    const extra = new Map<string, unknown>();
    try {
      const service = await p.plugin.create({
        options: p.options,
        projectRoot: config.projectRoot,
        stateDir: config.stateDir,
        logger,
        hooks,
        resolve: (token: Token<unknown>) => {
          if (!requires.has(token.id)) throw new PluginError(p.plugin.name, `plugin "${p.plugin.name}" resolved ${token.description} without listing it in \`requires\``);
          if (!services.has(token.id)) throw new PluginError(p.plugin.name, `plugin "${p.plugin.name}" requires ${token.description}, which no started plugin provides`);
          return services.get(token.id);
        },
        tryResolve: (token: Token<unknown>) => {
          if (!optional.has(token.id) && !requires.has(token.id)) throw new PluginError(p.plugin.name, `plugin "${p.plugin.name}" resolved ${token.description} without listing it in \`optional\``);
          return services.get(token.id);
        },
        provide: (token: Token<unknown>, value: unknown) => {
          if (!also.has(token.id)) throw new PluginError(p.plugin.name, `plugin "${p.plugin.name}" provided ${token.description} without listing it in \`alsoProvides\``);
          extra.set(token.id, value);
        },
      } as never);
      const unprovided = [...also.values()].filter((t) => !extra.has(t.id));
      if (unprovided.length) throw new PluginError(p.plugin.name, `plugin "${p.plugin.name}" lists ${unprovided.map((t) => t.description).join(', ')} in \`alsoProvides\` but its create did not call ctx.provide for it`);
      await service.start?.();
      started.push({ plugin: p, service });
      services.set(p.plugin.provides.id, service);
      for (const [id, value] of extra) services.set(id, value);
    } catch (cause) {
      await close().catch(() => undefined);
      if (cause instanceof PluginError) throw cause;
      throw new PluginError(p.plugin.name, messages.pluginCreate(p.plugin.name, (cause as Error).message ?? String(cause)), { cause });
    }
  }

  let container: DependencyContainer | undefined;
  return {
    config,
    get container() {
      if (!container) {
        require('reflect-metadata');
        container = (require('tsyringe') as typeof import('tsyringe')).container.createChildContainer();
        for (const [id, value] of services) container.register(id, { useValue: value });
      }
      return container;
    },
    logger,
    hooks,
    get<T>(token: Token<T>): T {
      if (!services.has(token.id)) {
        const slot = slotOfToken(token);
        const packages = (slot && knownProviders[slot]) || [];
        // An empty slot is the config's to fix (a usage error, exit 2); a configured one that this
        // command did not start is the command's own bug.
        if (slot && !config.plugins.some((p) => p.slot === slot)) throw new SlotNotConfiguredError(slot, packages, messages.slotNotConfigured(token.description, slot, config.file, packages));
        const hint = packages.length ? ` (e.g. plugins.${slot}: '${packages[0]}')` : '';
        throw new PluginError('runtime', `no started plugin provides ${token.description}; configure one under \`plugins\` in ${config.file}${hint}`);
      }
      return services.get(token.id) as T;
    },
    has: (token) => services.has(token.id),
    async health() {
      const out: Record<string, Health> = {};
      for (const { plugin, service } of started) {
        try {
          out[plugin.slot] = (await service.health?.()) ?? { ok: true };
        } catch (err) {
          out[plugin.slot] = { ok: false, detail: (err as Error).message };
        }
      }
      return out;
    },
    close,
  };
}

/**
 * Closes the runtime on SIGINT/SIGTERM, then exits with 130/143. Returns a function that removes
 * the handlers (call it after a normal close).
 */
export function closeOnSignals(runtime: Pick<Runtime, 'close'>, beforeClose?: (signal: NodeJS.Signals) => Promise<void> | void): () => void {
  let handling = false;
  const handler = (signal: NodeJS.Signals) => {
    if (handling) return;
    handling = true;
    void (async () => {
      try {
        await beforeClose?.(signal);
        await runtime.close();
      } finally {
        process.exit(signal === 'SIGINT' ? 130 : 143);
      }
    })();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
