import { definePlugin, tokens } from '@mlops/core';
import { selectBackend, wasmThreads } from '@mlops/tfjs-backend';
import { tfjsRuntimeOptions } from './options';
import { TfjsModelRuntime } from './TfjsModelRuntime';

/** Plugin: runs tfjs serving bundles (fitted preprocessing + dense network) on tfjs-node, wasm or cpu. */
export const tfjsRuntime = definePlugin({
  name: 'runtime-tfjs',
  provides: tokens.modelRuntime,
  options: tfjsRuntimeOptions,
  create: async (ctx) => {
    const runtime = new TfjsModelRuntime(await selectBackend(ctx.options.backend, { threads: ctx.options.threads }));
    ctx.logger.info(`runtime-tfjs: running on ${runtime.name}`);
    const { threads } = ctx.options;
    if (runtime.backend === 'wasm' && threads !== undefined && wasmThreads() !== threads) {
      ctx.logger.warn(`runtime-tfjs: threads: ${threads} requested, the wasm backend runs ${wasmThreads()} (tfjs finds no wasm multithreading in Node)`);
    }
    return runtime;
  },
});
