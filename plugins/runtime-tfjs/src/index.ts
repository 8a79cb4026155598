import { tfjsRuntime } from './plugin';

export { tfjsRuntime };
export { TfjsModelRuntime } from './TfjsModelRuntime';
export { TfjsLoadedModel } from './TfjsLoadedModel';
export { tfjsServingBundle, type TfjsServingBundleParts } from './tfjsServingBundle';
export { readTfjsServingBundle, type ReadBundle } from './readTfjsServingBundle';
export { tfjsServingBundleSchema, tfjsServingFormat, type TfjsServingBundle, type DenseModelData } from './bundleSchema';
export { selectBackend, type TfjsBackend } from '@mlops/tfjs-backend';
export { tfjsRuntimeOptions, type TfjsRuntimeOptions, type TfjsRuntimeUserOptions } from './options';
export { TfjsRuntimeError, tfjsRuntimeErrorCodes, type TfjsRuntimeErrorCode } from './errors';

/** The package's plugin; the runtime picks it for `plugins.modelRuntime`. */
export const plugins = [tfjsRuntime];
export default plugins;
