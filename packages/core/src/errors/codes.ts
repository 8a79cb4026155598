/** Every error code mlops raises. Stable strings: scripts match on them (`--json` output). */
export const errorCodes = {
  config: 'E_CONFIG',
  configNotFound: 'E_CONFIG_NOT_FOUND',
  configLoad: 'E_CONFIG_LOAD',
  plugin: 'E_PLUGIN',
  pluginNotFound: 'E_PLUGIN_NOT_FOUND',
  missingDependency: 'E_MISSING_DEPENDENCY',
  pipeline: 'E_PIPELINE',
  stepFailed: 'E_STEP_FAILED',
  artifactNotFound: 'E_ARTIFACT_NOT_FOUND',
  storage: 'E_STORAGE',
  serializer: 'E_SERIALIZER',
  notFound: 'E_NOT_FOUND',
  usage: 'E_USAGE',
} as const;

export type ErrorCode = (typeof errorCodes)[keyof typeof errorCodes];
