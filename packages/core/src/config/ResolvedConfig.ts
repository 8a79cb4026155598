import type { AnyPlugin } from '../plugins/definePlugin';
import type { SlotName } from '../tokens/tokens';
import type { LogLevel } from '../util/logger';
import type { PipelineEntry } from '../pipeline/pipeline';
import type { ArtifactSerializer } from '../pipeline/serializers';

/** A slot's plugin after loading: the plugin object, where it came from and its validated options. */
export interface ResolvedPlugin {
  readonly slot: SlotName;
  readonly plugin: AnyPlugin;
  /** Package name, or `inline` for a plugin object written in the config. */
  readonly source: string;
  readonly options: unknown;
}

/** The config after validation, defaults and plugin loading. Everything is filled in. */
export interface ResolvedConfig {
  readonly file: string;
  readonly projectRoot: string;
  readonly project: string;
  readonly stateDir: string;
  readonly plugins: readonly ResolvedPlugin[];
  /** As written: call {@link findPipeline} for a definition (it loads a lazy entry). */
  readonly pipelines: Readonly<Record<string, PipelineEntry>>;
  readonly serializers: readonly ArtifactSerializer[];
  readonly maxParallelSteps: number;
  readonly logLevel: LogLevel;
  /** The dashboard's settings; `token` is null when unset or empty (read-only). Not part of `digest`. */
  readonly ui: { readonly token: string | null };
  /** sha256 of the validated config (plugin sources and options, pipeline names). */
  readonly digest: string;
  /**
   * sha256 of each configured plugin (name, source, options) by token id. A step's cache key
   * includes the digests of the tokens it `uses`, so changing the trainer's options re-runs the
   * training step and nothing upstream.
   */
  readonly serviceDigests: Readonly<Record<string, string>>;
}
