import { isPlugin } from '../plugins/definePlugin';
import { isPipeline } from '../pipeline/pipeline';
import { slotNames } from '../tokens/tokens';
import type { UserConfig } from './defineConfig';

// zod is a third of `mlops runs ls`'s start-up (BENCHMARKS.md, CLI start-up), and almost every
// config is valid. This check accepts only configs `configSchema` certainly accepts, and returns what
// its parse would (a copy of the same fields); anything else is left to the schema, which decides
// and words the error, so errors read exactly as before. quickParseConfig.test.ts checks both agree.

const configKeys = new Set(['project', 'stateDir', 'plugins', 'pipelines', 'serializers', 'maxParallelSteps', 'logLevel', 'ui']);
const logLevels = new Set(['debug', 'info', 'warn', 'error', 'silent']);
const slots = new Set<string>(slotNames);
const pipelineName = /^[A-Za-z][\w-]*$/;

/** A plain object (what zod's object and record schemas take), with only string keys. */
export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return (proto === Object.prototype || proto === null) && Object.getOwnPropertySymbols(value).length === 0;
}

const isName = (v: unknown) => typeof v === 'string' && v.length > 0;
const isPluginRef = (v: unknown) => isName(v) || isPlugin(v);

/** The spec as `pluginSpecSchema` (or `false`) returns it, or undefined when in doubt. */
function quickSlot(spec: unknown): unknown {
  if (spec === undefined || spec === false || isPluginRef(spec)) return spec;
  if (!isPlainRecord(spec) || !isPluginRef(spec.use) || Object.keys(spec).some((k) => k !== 'use' && k !== 'options')) return undefined;
  if (spec.options === undefined) return { ...spec };
  return isPlainRecord(spec.options) ? { ...spec, options: { ...spec.options } } : undefined;
}

function quickPlugins(plugins: unknown): Record<string, unknown> | undefined {
  if (!isPlainRecord(plugins)) return undefined;
  const out: Record<string, unknown> = {};
  for (const [slot, spec] of Object.entries(plugins)) {
    const parsed = quickSlot(spec);
    if (!slots.has(slot) || (parsed === undefined && spec !== undefined)) return undefined;
    out[slot] = parsed;
  }
  return out;
}

const isSerializer = (v: unknown) => typeof v === 'object' && v !== null && typeof (v as { name?: unknown }).name === 'string' && typeof (v as { serialize?: unknown }).serialize === 'function';

/** `value` as `configSchema.parse` returns it when it is certainly valid, else undefined. */
export function quickParseConfig(value: unknown): UserConfig | undefined {
  if (!isPlainRecord(value) || Object.keys(value).some((k) => !configKeys.has(k))) return undefined;
  const { project, stateDir, plugins, pipelines, serializers, maxParallelSteps, logLevel, ui } = value;
  if (ui !== undefined && !(isPlainRecord(ui) && Object.keys(ui).every((k) => k === 'token') && (ui.token === undefined || typeof ui.token === 'string'))) return undefined;
  if (project !== undefined && !isName(project)) return undefined;
  if (stateDir !== undefined && !isName(stateDir)) return undefined;
  if (maxParallelSteps !== undefined && !(Number.isSafeInteger(maxParallelSteps) && (maxParallelSteps as number) > 0)) return undefined;
  if (logLevel !== undefined && !logLevels.has(logLevel as string)) return undefined;
  if (serializers !== undefined && !(Array.isArray(serializers) && serializers.every(isSerializer))) return undefined;
  if (pipelines !== undefined && !(isPlainRecord(pipelines) && Object.entries(pipelines).every(([k, v]) => pipelineName.test(k) && (isPipeline(v) || typeof v === 'function')))) return undefined;
  const parsedPlugins = plugins === undefined ? undefined : quickPlugins(plugins);
  if (plugins !== undefined && parsedPlugins === undefined) return undefined;
  const out: Record<string, unknown> = { ...value };
  if (plugins !== undefined) out.plugins = parsedPlugins;
  if (pipelines !== undefined) out.pipelines = { ...(pipelines as object) };
  if (serializers !== undefined) out.serializers = [...(serializers as unknown[])];
  if (ui !== undefined) out.ui = { ...(ui as object) };
  return out as UserConfig;
}
