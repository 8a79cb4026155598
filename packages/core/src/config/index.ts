import { defineLazyExport } from '../util/defineLazyExport';

export * from './defineConfig';
export * from './ResolvedConfig';
export { env, isEnvRef } from './env';
export { loadConfigFile, displayPath, configSearchPlaces } from './loadConfigFile';
export { resolveConfig, defaultPlugins, conditionalDefaultPlugins } from './resolveConfig';
export { quickParseConfig, isPlainRecord } from './quickParseConfig';
export { configIssuesFromZod, formatPath } from './zodIssues';
export { loadConfig } from './loadConfig';

// The schemas load zod, which a valid config never needs (quickParseConfig): required on first read.
type Schemas = typeof import('./configSchema');
export declare const configSchema: Schemas['configSchema'];
export declare const pluginSpecSchema: Schemas['pluginSpecSchema'];
// Assigned first so that ESM's named imports find them (Node reads CommonJS export names from the source).
exports.configSchema = exports.pluginSpecSchema = undefined;
for (const name of ['configSchema', 'pluginSpecSchema'] as const) defineLazyExport(exports, name, () => (require('./configSchema') as Schemas)[name]);
