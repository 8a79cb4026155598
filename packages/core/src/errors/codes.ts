/**
 * The codes core raises, for autocompletion. Stable strings: scripts match on them (`--json` output).
 * The code type is open: every package keeps its own `as const` map of `E_` codes beside its errors.
 */
export const errorCodes = {
  config: 'E_CONFIG',
  configNotFound: 'E_CONFIG_NOT_FOUND',
  configLoad: 'E_CONFIG_LOAD',
  plugin: 'E_PLUGIN',
  pluginNotFound: 'E_PLUGIN_NOT_FOUND',
  pluginClose: 'E_PLUGIN_CLOSE',
  missingDependency: 'E_MISSING_DEPENDENCY',
  slotNotConfigured: 'E_SLOT_NOT_CONFIGURED',
  pipeline: 'E_PIPELINE',
  stepFailed: 'E_STEP_FAILED',
  artifactNotFound: 'E_ARTIFACT_NOT_FOUND',
  storage: 'E_STORAGE',
  serializer: 'E_SERIALIZER',
  notFound: 'E_NOT_FOUND',
  usage: 'E_USAGE',
} as const;

/** One of core's codes. */
export type CoreErrorCode = (typeof errorCodes)[keyof typeof errorCodes];

/** Any error code: one of core's (offered by autocompletion) or a package's own `E_` string. */
export type ErrorCode = CoreErrorCode | (string & {});
