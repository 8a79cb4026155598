import { definePlugin, tokens } from '@mlops/core';
import { tfjsOptions } from './config';
import { createTfjsTrainer } from './createTfjsTrainer';

/** Plugin: provides `tokens.trainer` with dense networks on tfjs; options = default params. */
export const tfjsTrainer = definePlugin({
  name: 'trainer-tfjs',
  provides: tokens.trainer,
  options: tfjsOptions,
  create: (ctx) => createTfjsTrainer(ctx.options, (message) => ctx.logger.info(message)),
});
