import { z } from 'zod';
import { alertRule, defaultAlertRules, driftSettings } from './alerts/alertRules';

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
     * by default: each commit is an fsync (while SQLite committed on the server's thread, 1,000 cost 0.71×–0.81× throughput
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
    /** The window `mlops monitor` evaluates: the last this many milliseconds (default one hour). */
    windowMs: z.number().int().min(1000).default(3_600_000),
    /**
     * Window profiles are stored per interval of this length (default 5 minutes); a window merges
     * the stored intervals it covers and profiles only its unfinished edges from raw rows.
     */
    profileIntervalMs: z.number().int().min(1000).default(300_000),
    /** An interval is profiled once it ended this long ago (its rows have left every writer's buffer). */
    settleMs: z.number().int().min(0).default(30_000),
    /** A window with fewer served rows is not judged (too little evidence). */
    minRows: z.number().int().min(1).default(100),
    /** The same rule on the same model version and column fires at most once per cooldown. */
    cooldownMs: z.number().int().min(0).default(3_600_000),
    /** How often `mlops monitor` (without `--once`) evaluates. */
    evaluateEveryMs: z.number().int().min(1000).default(300_000),
    /** Only these model names are evaluated (default: every model with served rows in the window). */
    models: z.array(z.string().min(1)).min(1).optional(),
    drift: driftSettings.prefault({}),
    /** Default: the seed's rule (`baseline-shift`, k = 2) and `dataset-drift` requesting retraining. */
    rules: z.array(alertRule).prefault(defaultAlertRules),
    /** The pipeline a rule with `retrain: true` submits to the orchestrator (when one is configured). */
    retrainPipeline: z.string().min(1).default('train'),
  })
  .strict()
  .refine((o) => o.maxBufferedRows >= o.batchRows, { message: 'at least batchRows (a full flush must fit in the buffer)', path: ['maxBufferedRows'] })
  .refine((o) => o.settleMs >= o.flushIntervalMs, { message: 'at least flushIntervalMs (an interval is final only after its rows were flushed)', path: ['settleMs'] });

/** What the user writes under `options` of the monitor plugin. */
export type MonitorUserOptions = z.input<typeof monitorOptions>;
/** The same with every default filled in. */
export type MonitorOptions = z.output<typeof monitorOptions>;
