import * as path from 'node:path';
import { definePlugin, tokens } from '@mlops/core';
import { validatorOptions } from './config';
import { createValidator } from './createValidator';
import { piiKeyFingerprint } from './pii/piiKeyFingerprint';

/** Plugin: provides `tokens.validator` (schema checks, repairs, PII masking, reports). */
export const validatorPlugin = definePlugin({
  name: 'validator',
  provides: tokens.validator,
  options: validatorOptions,
  // Tokens depend on the key: its fingerprint (never the key) is part of the cache key of every step
  // that uses the validator, so a rotated MLOPS_PII_KEY re-tokenizes without --no-cache.
  cacheIdentity: (options, env) => ({ piiKey: piiKeyFingerprint(env[options.tokenKeyEnv] || undefined) }),
  create: (ctx) => createValidator({ ...ctx.options, reportsDir: path.join(ctx.stateDir, 'reports') }),
});
