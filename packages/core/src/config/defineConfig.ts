import type { AnyPlugin } from '../plugins/definePlugin';
import type { SlotName } from '../tokens/tokens';
import type { LogLevel } from '../util/logger';
import type { PipelineEntry } from '../pipeline/pipeline';
import type { ArtifactSerializer } from '../pipeline/serializers';

/** How a slot names its plugin: a package name, a plugin object, or either with options. */
export type PluginSpec = string | AnyPlugin | { use: string | AnyPlugin; options?: Record<string, unknown> };

/** What users write in `mlops.config.ts`. Every field is optional; `ResolvedConfig` has them filled. */
export interface UserConfig {
  /** Project name, shown in run records; defaults to the config folder's name. */
  project?: string;
  /** State folder for the embedded defaults, relative to the config file. Default `.mlops`. */
  stateDir?: string;
  /**
   * One plugin per stage slot. Unset storage slots default to `@mlops/storage-local`; an unset
   * orchestrator to `@mlops/orchestrator-local` when the metadata store is SQL. `false` leaves a slot empty.
   */
  plugins?: Partial<Record<SlotName, PluginSpec | false>>;
  /**
   * Pipelines by the name used in `mlops run NAME`: a definition, or a function loading it
   * (`() => import('./pipelines/train').then((m) => m.train)`), so other commands never load it.
   */
  pipelines?: Record<string, PipelineEntry>;
  /** Extra artifact serializers, tried before the built-ins. */
  serializers?: ArtifactSerializer[];
  /** Steps of one run executed at once when the DAG allows. Default 4. */
  maxParallelSteps?: number;
  logLevel?: LogLevel;
  /**
   * The dashboard (`mlops ui`). `token` allows its actions (promote, rollback) to requests carrying it
   * in a header; unset or empty, the dashboard is read-only. Reference the secret, never write it:
   * `ui: { token: env('MLOPS_UI_TOKEN', { default: '' }) }` (the default keeps other commands running
   * where the variable is unset). The `MLOPS_UI_TOKEN` variable, when set, takes precedence.
   */
  ui?: { token?: string };
}

/** Only adds types: `export default defineConfig({ ... })`. */
export function defineConfig(config: UserConfig): UserConfig {
  return config;
}
