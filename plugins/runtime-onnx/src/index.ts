import { onnxRuntime } from './plugin';

export { onnxRuntime };
export { OnnxModelRuntime } from './OnnxModelRuntime';
export { OnnxLoadedModel } from './OnnxLoadedModel';
export { onnxRuntimeOptions, type OnnxRuntimeOptions, type OnnxRuntimeUserOptions } from './options';
export { OnnxRuntimeError, onnxRuntimeErrorCodes, type OnnxRuntimeErrorCode } from './errors';

/** The package's plugin; the runtime picks it for `plugins.modelRuntime`. */
export const plugins = [onnxRuntime];
export default plugins;
