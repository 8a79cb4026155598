import { z } from 'zod';
import { parseDefinition } from '../lib/parseDefinition';
import { definitionObject } from './definitionObject';
import type { StreamSource } from './types';

const name = z.string().regex(/^[A-Za-z0-9_-]+$/, 'expected letters, digits, _ or -');

const natsSchema = z
  .object({
    servers: z.string().min(1).default('nats://127.0.0.1:4222'),
    stream: name,
    subject: z.string().min(1),
    durable: name,
    deadLetterSubject: z.string().min(1).optional(),
    ackWaitMs: z.number().int().positive().default(30_000),
  })
  .strict();

const redisSchema = z
  .object({
    url: z.string().min(1).default('redis://127.0.0.1:6379'),
    stream: z.string().min(1),
    group: z.string().min(1),
    deadLetterStream: z.string().min(1).optional(),
    claimIdleMs: z.number().int().positive().default(30_000),
  })
  .strict();

const streamSchema = z
  .object({
    nats: natsSchema.optional(),
    redis: redisSchema.optional(),
    timestampColumn: z.string().min(1),
    idField: z.string().min(1).optional(),
  })
  .strict()
  .refine((s) => (s.nats === undefined) !== (s.redis === undefined), 'expected exactly one of nats or redis');

/** Input of {@link streamSource}: one transport (`nats` or `redis`), the event time field, optionally an event id field. */
export interface StreamSourceDefinition {
  nats?: z.input<typeof natsSchema>;
  redis?: z.input<typeof redisSchema>;
  timestampColumn: string;
  idField?: string;
}

/**
 * Events from NATS JetStream (durable pull consumer) or a Redis stream (consumer group). Ingested by
 * `mlops features ingest VIEW` or `featureStore.push`; the client library (`@nats-io/*` or
 * `ioredis`) is loaded only when a view with that transport is ingested.
 */
export function streamSource(definition: StreamSourceDefinition): StreamSource {
  const parsed = parseDefinition('streamSource', streamSchema, definition);
  const transport = parsed.nats
    ? { type: 'nats' as const, ...parsed.nats, deadLetterSubject: parsed.nats.deadLetterSubject ?? `mlops.dead.${parsed.nats.stream}` }
    : { type: 'redis' as const, ...parsed.redis!, deadLetterStream: parsed.redis!.deadLetterStream ?? `${parsed.redis!.stream}:dead` };
  return definitionObject({
    kind: 'streamSource' as const,
    transport: Object.freeze(transport),
    timestampColumn: parsed.timestampColumn,
    ...(parsed.idField ? { idField: parsed.idField } : {}),
  });
}
