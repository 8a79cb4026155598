import { z } from 'zod';

/**
 * Options of the `tracker` plugin. None yet: the tracker keeps its tables in the metadata store's
 * database, so where it writes follows `plugins.metadataStore`. Strict, so a typo is a config error.
 */
export const trackerOptions = z.object({}).strict();

export type TrackerUserOptions = z.input<typeof trackerOptions>;
