import * as path from 'node:path';
import { definePlugin, tokens } from '@mlops/core';
import { validatorOptions } from './config';
import { createValidator } from './createValidator';

/** Plugin: provides `tokens.validator` (schema checks, repairs, PII masking, reports). */
export const validatorPlugin = definePlugin({
  name: 'validator',
  provides: tokens.validator,
  options: validatorOptions,
  create: (ctx) => createValidator({ ...ctx.options, reportsDir: path.join(ctx.stateDir, 'reports') }),
});
