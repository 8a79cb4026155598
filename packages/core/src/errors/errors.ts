import { errorCodes } from './codes';
import { messages } from './messages';
import { MlopsError } from './MlopsError';

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
    super(errorCodes.config, issues.map((i) => messages.configIssue(file, i.path, i.expected, i.received)).join('\n'), { badInput: true });
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
    super(options?.code ?? errorCodes.plugin, message, options);
  }
}

/** A plugin requires a token that no configured plugin provides. */
export class MissingDependencyError extends MlopsError {
  constructor(
    readonly plugin: string,
    readonly token: string,
    readonly candidates: string[],
  ) {
    super(errorCodes.missingDependency, messages.missingDependency(plugin, token, candidates));
  }
}

/** A pipeline definition is invalid (cycle, duplicate id, dangling input). */
export class PipelineError extends MlopsError {
  constructor(
    readonly pipeline: string,
    message: string,
  ) {
    super(errorCodes.pipeline, message);
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
    super(errorCodes.notFound, message);
  }
}
