import { z } from 'zod';

const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** node-postgres connection fields; other pg options (e.g. `application_name`) pass through. */
const connectionObject = z.looseObject({
  host: z.string().min(1).optional(),
  port: z.number().int().positive().optional(),
  user: z.string().optional(),
  password: z.string().optional(),
  database: z.string().optional(),
  ssl: z.union([z.boolean(), z.record(z.string(), z.unknown())]).optional(),
  connectionString: z.string().optional(),
});

/** Options of the `postgresMetadataStore` plugin. */
export const postgresMetadataStoreOptions = z
  .object({
    /** `postgres://user:pass@host:5432/db` or a node-postgres connection object. */
    connection: z.union([z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// URL'), connectionObject]),
    /** Schema holding the tables and the migrations table; created on start if missing. */
    schema: z.string().max(63).regex(identifier, 'a plain identifier (letters, digits, _)').default('public'),
    pool: z
      .object({ min: z.number().int().nonnegative().default(0), max: z.number().int().positive().default(10) })
      .strict()
      .refine((p) => p.min <= p.max, { message: 'pool.min must not exceed pool.max', path: ['min'] })
      .default({ min: 0, max: 10 }),
  })
  .strict();

export type PostgresMetadataStoreUserOptions = z.input<typeof postgresMetadataStoreOptions>;
