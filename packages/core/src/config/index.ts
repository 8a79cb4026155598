export * from './defineConfig';
export * from './ResolvedConfig';
export { env, isEnvRef } from './env';
export { configSchema, pluginSpecSchema } from './configSchema';
export { loadConfigFile, displayPath, configSearchPlaces } from './loadConfigFile';
export { resolveConfig, defaultPlugins, conditionalDefaultPlugins } from './resolveConfig';
export { configIssuesFromZod, formatPath } from './zodIssues';
export { loadConfig } from './loadConfig';
