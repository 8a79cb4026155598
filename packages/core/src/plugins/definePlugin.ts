import type { z } from 'zod';
import type { Token, TokenType } from '../tokens/createToken';
import type { Lifecycle } from './Lifecycle';
import type { Logger } from '../util/logger';
import type { HookBus } from '../hooks/HookBus';

/** What a plugin's `create` receives. Readonly: plugins never reach for globals. */
export interface PluginContext<O, R extends readonly Token<unknown>[]> {
  /** The plugin's options after zod validation and defaults. */
  readonly options: O;
  /** Resolves a token listed in `requires`; other tokens do not type-check. */
  resolve<K extends R[number]>(token: K): TokenType<K>;
  /** A service listed in `optional` (or `requires`), or undefined when no configured plugin provides it. */
  tryResolve<T>(token: Token<T>): T | undefined;
  /** Folder holding the config file: relative paths in options resolve against it. */
  readonly projectRoot: string;
  /** The project's state folder (default `<projectRoot>/.mlops`). */
  readonly stateDir: string;
  readonly logger: Logger;
  /**
   * Registers a service under a token listed in the plugin's `alsoProvides` (the SQL metadata store
   * provides `tokens.database` so). Call it in `create`; it becomes resolvable once the plugin started.
   */
  provide<T>(token: Token<T>, value: T): void;
  /** The runtime's hooks: subscribe with `hooks.on('predictionsServed', ...)`; a failing handler never breaks the emitter. */
  readonly hooks: HookBus;
}

/** The contract every plugin meets: a name, the token it provides, its options and a factory. */
export interface PluginDefinition<
  T = unknown,
  S extends z.ZodType = z.ZodType,
  R extends readonly Token<unknown>[] = readonly Token<unknown>[],
> {
  /** Kebab-case id, e.g. `storage-local`. */
  readonly name: string;
  readonly provides: Token<T>;
  /** Tokens besides `provides` that `create` registers with `ctx.provide` (not slots of their own, e.g. `tokens.database`). */
  readonly alsoProvides?: readonly Token<unknown>[];
  /** zod schema of the plugin's options; validated with the config, before anything runs. */
  readonly options?: S;
  /**
   * Optional zod-free fast path: the options exactly as `options.parse(raw)` would return them when
   * `raw` is certainly valid, else undefined (then the schema decides and words the error). With
   * `options` as a getter that requires the schema's module, a command whose config is valid never
   * loads zod (a third of `mlops runs ls`'s start-up).
   */
  quickParseOptions?(raw: unknown): z.output<S> | undefined;
  /** Tokens the plugin resolves in `create`; the runtime checks they are provided before starting. */
  readonly requires?: R;
  /** Tokens used when configured (e.g. an alert sink); started first if present, never required. */
  readonly optional?: readonly Token<unknown>[];
  create(ctx: PluginContext<z.output<S>, R>): (T & Lifecycle) | Promise<T & Lifecycle>;
  /**
   * What besides its options decides this plugin's results, e.g. a fingerprint of a key it reads
   * from the environment. Called when the config is resolved; the value joins the plugin's digest,
   * so it is part of the cache key of every step that `uses` the plugin's token. Never return a
   * secret: the digest is not, but the cache key's inputs may be logged.
   */
  cacheIdentity?(options: z.output<S>, env: NodeJS.ProcessEnv): unknown;
}

/** Any plugin, with its types erased (what the runtime handles). */
export type AnyPlugin = PluginDefinition<any, z.ZodType, readonly Token<unknown>[]>;

const PLUGIN_BRAND = Symbol.for('mlops.plugin');

/** Declares a plugin. Only adds types and a brand; the runtime validates the shape when loading. */
export function definePlugin<T, S extends z.ZodType = z.ZodType<Record<string, never>>, const R extends readonly Token<unknown>[] = []>(
  plugin: PluginDefinition<T, S, R>,
): PluginDefinition<T, S, R> {
  return Object.assign(plugin, { [PLUGIN_BRAND]: true });
}

/** True for a value shaped like a plugin (branded by any copy of core, or duck-typed). */
export function isPlugin(value: unknown): value is AnyPlugin {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string | symbol, unknown>;
  if (v[PLUGIN_BRAND] === true) return true;
  const provides = v.provides as { id?: unknown } | undefined;
  return typeof v.name === 'string' && typeof v.create === 'function' && typeof provides?.id === 'string';
}
