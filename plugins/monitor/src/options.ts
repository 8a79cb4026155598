import { z } from 'zod';

/**
 * Options of the `monitor` plugin (its prediction log). Strict, so a typo is a config error that
 * names the field; every bound is checked here so a bad value never reaches the writer.
 */
export const monitorOptions = z
  .object({
    /** Share of requests logged (all rows of a request together), in (0, 1]; 1 logs every prediction. */
    sampleRate: z.number().gt(0).lte(1).default(1),
    /**
     * Rows written per flush (one transaction); a flush starts as soon as this many are buffered. Large
     * by default: on SQLite each commit is an fsync, on the server's thread (1,000 cost 0.71×–0.81× throughput
     * at 64 connections in the bench, 10,000 0.96×–1.04×).
     */
    batchRows: z.number().int().min(1).max(50_000).default(10_000),
    /** Longest a buffered row waits for its flush, in milliseconds. */
    flushIntervalMs: z.number().int().min(10).max(3_600_000).default(1000),
    /** Most rows held in memory while the database is slow or down; beyond it rows are dropped and counted. */
    maxBufferedRows: z.number().int().min(1).default(100_000),
    /** Rows older than this many days are deleted at start and then every `retentionCheckMs`. */
    retentionDays: z.number().positive().default(30),
    retentionCheckMs: z.number().int().min(1000).default(3_600_000),
  })
  .strict()
  .refine((o) => o.maxBufferedRows >= o.batchRows, { message: 'at least batchRows (a full flush must fit in the buffer)', path: ['maxBufferedRows'] });

/** What the user writes under `options` of the monitor plugin. */
export type MonitorUserOptions = z.input<typeof monitorOptions>;
/** The same with every default filled in. */
export type MonitorOptions = z.output<typeof monitorOptions>;
