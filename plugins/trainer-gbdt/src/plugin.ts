import { definePlugin, tokens } from '@mlops/core';
import { gbdtOptions } from './config';
import { createGbdtTrainer } from './createGbdtTrainer';

/** Plugin: provides `tokens.trainer` with histogram gradient-boosted trees; options = default params. */
export const gbdtTrainer = definePlugin({
  name: 'trainer-gbdt',
  provides: tokens.trainer,
  options: gbdtOptions,
  create: (ctx) => createGbdtTrainer(ctx.options),
});
