import 'reflect-metadata';

export * from './errors';
export * from './tokens/createToken';
export * from './tokens/tokens';
export * from './storage';
export * from './plugins/Lifecycle';
export * from './plugins/definePlugin';
export { createRuntime, closeOnSignals, type Runtime, type RuntimeOptions } from './plugins/createRuntime';
export { loadPluginPackage, pluginsInModule } from './plugins/loadPluginPackage';
export * from './config';
export * from './pipeline';
export * from './util/logger';
export { canonicalJson } from './util/canonicalJson';
export { sha256 } from './util/hash';
export { createId } from './util/ids';
export { suggest, editDistance } from './util/suggest';
