export { EmbeddedOnlineStore, type EmbeddedOnlineStoreOptions } from './EmbeddedOnlineStore';
export { OnlineWriteError } from './OnlineWriteError';
