import { modelRegistry } from './plugin';

export { modelRegistry };
export { SqlModelRegistry, type SqlModelRegistryDeps } from './SqlModelRegistry';
export { modelRegistryOptions, gateOptions, guardOptions, cardOptions, type ModelRegistryOptions, type ModelRegistryUserOptions, type GateOptions, type CardOptions } from './options';
export { evaluateGate, type GateSubject } from './lib/evaluateGate';
export { signatureFromFrame, type SignatureFromFrameOptions } from './signatureFromFrame';
export { registryMigrations, registryMigrationsTable } from './migrations/0001_registry';
export { RegistryError } from './errors';

/** The plugin, also as the default export, so `plugins: { modelRegistry: '@mlops/model-registry' }` finds it. */
export const plugins = [modelRegistry];
export default plugins;
