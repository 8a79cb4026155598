import { redisOnlineStore } from './plugin';

export { redisOnlineStore };
export { RedisOnlineStore, type RedisOnlineStoreSettings } from './RedisOnlineStore';
export { redisOnlineStoreOptions, type RedisOnlineStoreOptions, type RedisOnlineStoreUserOptions } from './options';
export { OnlineStoreInputError, RedisUnavailableError } from './errors';
export { KeyLayout } from './lib/keyLayout';

/** The package's plugins; the runtime picks the one whose `provides` matches the configured slot. */
export const plugins = [redisOnlineStore];
export default plugins;
