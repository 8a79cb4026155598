import { localArtifactStore } from './localArtifactStorePlugin';
import { sqliteMetadataStore } from './sqliteMetadataStorePlugin';

export { localArtifactStore, sqliteMetadataStore };
export { LocalArtifactStore, type LocalArtifactStoreOptions } from './LocalArtifactStore';
export { localArtifactStoreOptions, sqliteMetadataStoreOptions, type LocalArtifactStoreUserOptions, type SqliteMetadataStoreUserOptions } from './options';

/** Both plugins; the runtime picks the one whose `provides` matches the configured slot. */
export const plugins = [localArtifactStore, sqliteMetadataStore];
export default plugins;
