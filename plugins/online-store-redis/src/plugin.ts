import { definePlugin, tokens } from '@mlops/core';
import { redisOnlineStoreOptions } from './options';
import { RedisOnlineStore } from './RedisOnlineStore';

/** Plugin: the online feature store on Redis (ioredis). */
export const redisOnlineStore = definePlugin({
  name: 'online-store-redis',
  provides: tokens.onlineStore,
  options: redisOnlineStoreOptions,
  create: (ctx) => new RedisOnlineStore({ ...ctx.options, logger: ctx.logger }),
});
