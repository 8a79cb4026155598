import { errorCodes } from './codes';
import { messages } from './messages';
import { getMlopsError, MlopsError } from './MlopsError';

/** One problem in a config file, with where it is and what was wrong. */
export interface ConfigIssue {
  /** Dotted field path, e.g. `plugins.featureStore.options.ttlSeconds`. */
  path: string;
  expected: string;
  received: string;
}

/** A config file failed validation; lists every issue, not just the first. */
export class ConfigError extends MlopsError {
  constructor(
    readonly file: string,
    readonly issues: ConfigIssue[],
  ) {
    // Always the caller's input (a config file, pipeline params): a usage error.
    super(errorCodes.config, issues.map((i) => messages.configIssue(file, i.path, i.expected, i.received)).join('\n'), { path: file, badInput: true });
  }
  override toJSON() {
    return { ...super.toJSON(), file: this.file, issues: this.issues };
  }
}

/** A plugin could not be found, loaded or started. */
export class PluginError extends MlopsError {
  constructor(
    readonly plugin: string,
    message: string,
    options?: { cause?: unknown; code?: typeof errorCodes.plugin | typeof errorCodes.pluginNotFound },
  ) {
    // A plugin package that is not installed is fixed by the user (install it, fix the name).
    super(options?.code ?? errorCodes.plugin, message, { cause: options?.cause, badInput: options?.code === errorCodes.pluginNotFound });
  }
}

/**
 * A command or step needs a slot the config leaves empty (`mlops tune ls` without `plugins.tuner`):
 * the user's config to fix, so a usage error (the CLI exits 2). One line naming the slot, the config
 * file and the package that fills the slot.
 */
export class SlotNotConfiguredError extends MlopsError<typeof errorCodes.slotNotConfigured> {
  constructor(
    readonly slot: string,
    readonly packages: readonly string[],
    message: string,
  ) {
    super(errorCodes.slotNotConfigured, message, { badInput: true });
  }
}

/** One token a plugin requires that no configured plugin provides, with the packages that could. */
export interface MissingDependency {
  plugin: string;
  token: string;
  candidates: string[];
}

/**
 * Plugins require tokens that no configured plugin provides. Lists every missing dependency (one
 * line each), not just the first, so one config edit fixes them all; `plugin`, `token` and
 * `candidates` are the first one's.
 */
export class MissingDependencyError extends MlopsError {
  readonly plugin: string;
  readonly token: string;
  readonly candidates: string[];

  constructor(readonly missing: readonly MissingDependency[]) {
    super(errorCodes.missingDependency, missing.map((m) => messages.missingDependency(m.plugin, m.token, m.candidates)).join('\n'), { badInput: true });
    ({ plugin: this.plugin, token: this.token, candidates: this.candidates } = missing[0]);
  }
  override toJSON() {
    return { ...super.toJSON(), missing: this.missing };
  }
}

/** One plugin's failure to close. */
export interface PluginCloseFailure {
  plugin: string;
  error: unknown;
}

/**
 * Two or more plugins failed to close. Like `AggregateError`, it keeps every error (`errors`, and
 * `failures` naming each plugin) and its message lists them all, one line per plugin.
 */
export class PluginCloseError extends MlopsError<typeof errorCodes.pluginClose> {
  readonly errors: unknown[];

  constructor(readonly failures: readonly PluginCloseFailure[]) {
    super(errorCodes.pluginClose, messages.pluginsFailedToClose(failures.map((f) => ({ plugin: f.plugin, reason: f.error instanceof Error ? f.error.message : String(f.error) }))), { cause: failures[0]?.error });
    this.errors = failures.map((f) => f.error);
  }
  override toJSON() {
    return { ...super.toJSON(), failures: this.failures.map((f) => ({ plugin: f.plugin, error: getMlopsError(f.error).toJSON() })) };
  }
}

/** A pipeline definition is invalid (cycle, duplicate id, dangling input). */
export class PipelineError extends MlopsError {
  constructor(
    readonly pipeline: string,
    message: string,
  ) {
    super(errorCodes.pipeline, message, { badInput: true });
  }
}

/** A step threw; the run is marked failed and earlier artifacts stay intact. */
export class StepFailedError extends MlopsError {
  constructor(
    readonly step: string,
    readonly runId: string,
    cause: unknown,
  ) {
    super(errorCodes.stepFailed, messages.stepFailed(step, cause instanceof Error ? cause.message : String(cause)), { cause });
  }
}

export class ArtifactNotFoundError extends MlopsError {
  constructor(readonly ref: string) {
    super(errorCodes.artifactNotFound, messages.artifactNotFound(ref));
  }
}

/** Storage failed in a way the caller cannot fix by changing input (corruption, I/O). */
export class StorageError extends MlopsError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(errorCodes.storage, message, options);
  }
}

/** No serializer for a value, or an artifact written by a serializer that is not registered. */
export class SerializerError extends MlopsError {
  constructor(message: string) {
    super(errorCodes.serializer, message);
  }
}

/** A looked-up record does not exist, or an id prefix is ambiguous. */
export class NotFoundError extends MlopsError {
  constructor(message: string) {
    super(errorCodes.notFound, message, { badInput: true });
  }
}
