import { z } from 'zod';
import { defaultBusyTimeoutMs, defaultStaleTempMinutes } from './quickOptions';

/** Options of the `localArtifactStore` plugin. */
export const localArtifactStoreOptions = z
  .object({
    /** Folder for blobs; relative to the project root. Default `<stateDir>/artifacts`. */
    path: z.string().min(1).optional(),
    /** Temp files of killed writers older than this are removed on start. */
    staleTempMinutes: z.number().positive().default(defaultStaleTempMinutes),
  })
  .strict();

/** Options of the `sqliteMetadataStore` plugin. */
export const sqliteMetadataStoreOptions = z
  .object({
    /** SQLite file; relative to the project root. Default `<stateDir>/metadata.sqlite`. */
    path: z.string().min(1).optional(),
    /** How long a write waits for another process's lock. */
    busyTimeoutMs: z.number().int().nonnegative().default(defaultBusyTimeoutMs),
  })
  .strict();

export type LocalArtifactStoreUserOptions = z.input<typeof localArtifactStoreOptions>;
export type SqliteMetadataStoreUserOptions = z.input<typeof sqliteMetadataStoreOptions>;
export type LocalArtifactStoreParsedOptions = z.output<typeof localArtifactStoreOptions>;
export type SqliteMetadataStoreParsedOptions = z.output<typeof sqliteMetadataStoreOptions>;
