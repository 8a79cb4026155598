import { localArtifactStore } from './localArtifactStorePlugin';
import { sqliteMetadataStore } from './sqliteMetadataStorePlugin';

export { localArtifactStore, sqliteMetadataStore };
export { LocalArtifactStore, type LocalArtifactStoreOptions } from './LocalArtifactStore';
export type { LocalArtifactStoreUserOptions, SqliteMetadataStoreUserOptions } from './options';

// The option schemas load zod: required on first read only. Not enumerable, so that the runtime's
// search of this module for plugins (Object.entries) does not read them.
type Schemas = typeof import('./options');
export declare const localArtifactStoreOptions: Schemas['localArtifactStoreOptions'];
export declare const sqliteMetadataStoreOptions: Schemas['sqliteMetadataStoreOptions'];
// Assigned first so that ESM's named imports find them (Node reads CommonJS export names from the source).
exports.localArtifactStoreOptions = exports.sqliteMetadataStoreOptions = undefined;
for (const name of ['localArtifactStoreOptions', 'sqliteMetadataStoreOptions'] as const) Object.defineProperty(exports, name, { enumerable: false, get: () => (require('./options') as Schemas)[name] });

/** Both plugins; the runtime picks the one whose `provides` matches the configured slot. */
export const plugins = [localArtifactStore, sqliteMetadataStore];
export default plugins;
