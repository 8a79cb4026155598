import * as path from 'node:path';
import { ConfigError, MissingDependencyError, PluginError, type ConfigIssue, type MissingDependency } from '../errors/errors';
import { messages } from '../errors/messages';
import { isPlugin, type AnyPlugin } from '../plugins/definePlugin';
import { isInstalled, loadPluginPackage } from '../plugins/loadPluginPackage';
import { ambientSlots, knownProviders, providedAlongside, slotOfToken, tokens, type SlotName } from '../tokens/tokens';
import { sha256 } from '../util/hash';
import { describeValue } from '../util/describeValue';
import type { PluginSpec, UserConfig } from './defineConfig';
import { resolveEnvRefs } from './env';
import { displayPath } from './loadConfigFile';
import type { ResolvedConfig, ResolvedPlugin } from './ResolvedConfig';
import { quickParseConfig } from './quickParseConfig';
import { configIssuesFromZod } from './zodIssues';

/** Slots filled by default when the config leaves them unset: the embedded, serverless storage. */
export const defaultPlugins: Partial<Record<SlotName, string>> = {
  artifactStore: '@mlops/storage-local',
  metadataStore: '@mlops/storage-local',
};

/**
 * Slots filled by default only where the project can take them: the package is installed and what
 * its plugin requires is configured (the embedded orchestrator keeps its run state in the SQL
 * database of the metadata store). Elsewhere (in-memory stores in tests) the slot stays empty, silently.
 */
export const conditionalDefaultPlugins: Partial<Record<SlotName, string>> = {
  orchestrator: '@mlops/orchestrator-local',
};

export interface ResolveOptions {
  /** Load only these slots' plugins (and their requires/optional); default every configured slot. */
  slots?: readonly SlotName[];
}

/**
 * Validates a loaded config and loads its plugins: core schema, env references, each plugin's
 * options schema and the plugins' `requires`. Every issue is collected before anything runs; the
 * error names the file, the field path, what was expected and what was found.
 */
export async function resolveConfig(raw: unknown, file: string, environment: NodeJS.ProcessEnv = process.env, options: ResolveOptions = {}): Promise<ResolvedConfig> {
  const shown = displayPath(file);
  const projectRoot = path.dirname(file);
  const { value, issues: envIssues } = resolveEnvRefs(raw, environment);
  const issues: ConfigIssue[] = envIssues.map((i) => ({ path: i.path, expected: messages.envMissing(i.name), received: 'nothing' }));

  // zod (the schema) loads only for a config the quick check cannot vouch for; it words the errors.
  let config = quickParseConfig(value ?? {});
  if (!config) {
    const { configSchema } = require('./configSchema') as typeof import('./configSchema');
    const parsed = configSchema.safeParse(value ?? {});
    if (!parsed.success) issues.push(...configIssuesFromZod(parsed.error, value, '', configSchema));
    else config = parsed.data as UserConfig;
  }
  if (issues.length || !config) throw new ConfigError(shown, issues);

  const plugins: ResolvedPlugin[] = [];
  const conditional = new Set((Object.keys(conditionalDefaultPlugins) as SlotName[]).filter((slot) => config.plugins?.[slot] === undefined && isInstalled(conditionalDefaultPlugins[slot]!, projectRoot)));
  const specs = { ...defaultPlugins, ...Object.fromEntries([...conditional].map((slot) => [slot, conditionalDefaultPlugins[slot]])), ...config.plugins } as Partial<Record<SlotName, PluginSpec | false>>;
  for (const slot of Object.keys(specs) as SlotName[]) if (specs[slot] === false) delete specs[slot];
  // With `slots`, only those plugins and what they require or optionally use are loaded: a
  // `runs ls` never loads the feature store's knex and metrics, or onnxruntime.
  const queue = (Object.keys(specs) as SlotName[]).filter((slot) => !options.slots || options.slots.includes(slot) || ambientSlots.includes(slot));
  const seen = new Set(queue);
  while (queue.length) {
    const slot = queue.shift()!;
    const resolved = await resolveSlot(slot, specs[slot] as PluginSpec, projectRoot, issues);
    if (!resolved) continue;
    plugins.push(resolved);
    for (const dep of [...(resolved.plugin.requires ?? []), ...(resolved.plugin.optional ?? [])]) {
      for (const depSlot of slotOfToken(dep) ? [slotOfToken(dep)!] : (providedAlongside[dep.id] ?? [])) {
        if (specs[depSlot] !== undefined && !seen.has(depSlot)) (seen.add(depSlot), queue.push(depSlot));
      }
    }
  }
  if (issues.length) throw new ConfigError(shown, issues);
  dropUnmetConditionalDefaults(plugins, conditional);
  checkRequires(plugins);

  const stateDir = path.resolve(projectRoot, config.stateDir ?? '.mlops');
  const pipelines = config.pipelines ?? {};
  const digestInput = JSON.stringify({
    project: config.project,
    stateDir: config.stateDir,
    plugins: plugins.map((p) => ({ slot: p.slot, name: p.plugin.name, source: p.source, options: p.options })),
    pipelines: Object.keys(pipelines).sort(),
  });
  return Object.freeze({
    file,
    projectRoot,
    project: config.project ?? path.basename(projectRoot),
    stateDir,
    plugins,
    pipelines,
    serializers: (config.serializers ?? []) as ResolvedConfig['serializers'],
    maxParallelSteps: config.maxParallelSteps ?? 4,
    logLevel: config.logLevel ?? 'info',
    ui: Object.freeze({ token: config.ui?.token?.trim() || null }),
    digest: sha256(digestInput),
    serviceDigests: Object.fromEntries(plugins.map((p) => [p.plugin.provides.id, sha256(stableStringify({ name: p.plugin.name, source: p.source, options: p.options, ...(p.plugin.cacheIdentity ? { identity: p.plugin.cacheIdentity(p.options, environment) } : {}) }))])),
  });
}

async function resolveSlot(slot: SlotName, spec: PluginSpec, projectRoot: string, issues: ConfigIssue[]): Promise<ResolvedPlugin | undefined> {
  const at = `plugins.${slot}`;
  const use = typeof spec === 'object' && !isPlugin(spec) ? spec.use : spec;
  const rawOptions = typeof spec === 'object' && !isPlugin(spec) ? (spec.options ?? {}) : {};
  const usePath = typeof spec === 'object' && !isPlugin(spec) ? `${at}.use` : at;
  const token = tokens[slot];
  let plugin: AnyPlugin | undefined;
  let source = 'inline';
  if (typeof use === 'string') {
    source = use;
    let exported: AnyPlugin[];
    try {
      exported = await loadPluginPackage(use, projectRoot);
    } catch (err) {
      if (!(err instanceof PluginError)) throw err;
      issues.push({ path: usePath, expected: err.message.replace(/^plugin package "[^"]+" is not installed/, 'an installed plugin package'), received: describeValue(use) });
      return undefined;
    }
    plugin = exported.find((p) => p.provides.id === token.id);
    if (!plugin) {
      const offered = exported.map((p) => slotOfToken(p.provides) ?? p.provides.id);
      issues.push({ path: usePath, expected: messages.pluginNoExport(token.description), received: `"${use}", which exports plugins for: ${offered.join(', ') || 'nothing'}` });
      return undefined;
    }
  } else {
    plugin = use as AnyPlugin;
    if (plugin.provides.id !== token.id) {
      issues.push({ path: usePath, expected: `a plugin providing ${token.description}`, received: `plugin "${plugin.name}" providing ${plugin.provides.description}` });
      return undefined;
    }
  }
  let options: unknown = rawOptions;
  // A plugin's zod-free check of its usual options spares loading zod; in doubt, its schema decides.
  const quick = plugin.quickParseOptions?.(rawOptions);
  if (quick !== undefined) options = quick;
  else if (plugin.options) {
    const parsed = plugin.options.safeParse(rawOptions);
    if (!parsed.success) {
      issues.push(...configIssuesFromZod(parsed.error, rawOptions, `${at}.options`, plugin.options));
      return undefined;
    }
    options = parsed.data;
  }
  return { slot, plugin, source, options };
}

/** Removes conditional defaults whose `requires` the configured plugins do not provide. */
function dropUnmetConditionalDefaults(plugins: ResolvedPlugin[], conditional: ReadonlySet<SlotName>): void {
  const provided = new Set(plugins.flatMap((p) => [p.plugin.provides, ...(p.plugin.alsoProvides ?? [])].map((t) => t.id)));
  for (let i = plugins.length - 1; i >= 0; i--) {
    const p = plugins[i];
    if (conditional.has(p.slot) && !(p.plugin.requires ?? []).every((t) => provided.has(t.id))) plugins.splice(i, 1);
  }
}

/** Checks every plugin's `requires` against what is configured; reports all that are missing at once. */
function checkRequires(plugins: readonly ResolvedPlugin[]): void {
  const provided = new Set(plugins.flatMap((p) => [p.plugin.provides, ...(p.plugin.alsoProvides ?? [])].map((t) => t.id)));
  const missing: MissingDependency[] = [];
  for (const p of plugins) {
    for (const req of p.plugin.requires ?? []) {
      if (provided.has(req.id)) continue;
      // A token that comes beside a slot's service (the database) is offered by that slot's packages.
      const slots = slotOfToken(req) ? [slotOfToken(req)!] : (providedAlongside[req.id] ?? []);
      const candidates = slots.flatMap((slot) => (knownProviders[slot] ?? []).map((pkg) => `plugins.${slot}: '${pkg}'`));
      missing.push({ plugin: p.plugin.name, token: req.description, candidates });
    }
  }
  if (missing.length) throw new MissingDependencyError(missing);
}

/** JSON with sorted keys; functions and symbols in options are named, not dropped, so edits to their source count. */
function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'function') return `[function ${v.toString()}]`;
    if (typeof v === 'symbol' || typeof v === 'bigint') return String(v);
    if (v && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]));
    return v;
  });
}
