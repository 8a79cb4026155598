import { postgresMetadataStore } from './plugin';

export { postgresMetadataStore };
export { postgresMetadataStoreOptions, type PostgresMetadataStoreUserOptions } from './options';

/** The package's plugins, for the runtime to pick by slot. */
export const plugins = [postgresMetadataStore];
export default plugins;
