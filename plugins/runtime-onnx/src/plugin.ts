import { definePlugin, tokens } from '@mlops/core';
import { OnnxModelRuntime } from './OnnxModelRuntime';
import { onnxRuntimeOptions } from './options';

/** Plugin: runs ONNX models with onnxruntime-node (CPU). */
export const onnxRuntime = definePlugin({
  name: 'runtime-onnx',
  provides: tokens.modelRuntime,
  options: onnxRuntimeOptions,
  create: (ctx) => new OnnxModelRuntime(ctx.options),
});
