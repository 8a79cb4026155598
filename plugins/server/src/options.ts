import { availableParallelism } from 'node:os';
import { z } from 'zod';

const modelRef = z.string().regex(/^[^@:\s]+([@:][^@:\s]+)?$/, 'expected NAME@ALIAS, NAME:VERSION or NAME');

/** Options of the `httpServer` plugin (`plugins.server.options` or `mlops serve` flags). */
export const httpServerOptions = z
  .object({
    /** Registry model to serve, e.g. `churn@champion` (followed when the alias moves). */
    model: modelRef.optional(),
    /** Or an ONNX file and its signature JSON (a `ModelSignature`), relative to the project root. */
    modelFile: z.string().min(1).optional(),
    signatureFile: z.string().min(1).optional(),
    /**
     * What a served file is, for `/model` and the metrics (default: the file's base name, no
     * version): the `mlops build` bundle passes the registered name, version and alias it was built from.
     */
    modelIdentity: z
      .object({ name: z.string().min(1), version: z.number().int().positive().nullable().default(null), alias: z.string().min(1).nullable().default(null) })
      .strict()
      .optional(),
    host: z.string().default('127.0.0.1'),
    /** 0 picks a free port (single process only). */
    port: z.number().int().min(0).max(65535).default(8080),
    /** Worker processes (node:cluster); 1 serves in this process. Default: one per core. */
    workers: z.number().int().positive().default(() => availableParallelism()),
    /** Largest request body accepted; bigger gets 413. */
    bodyLimitBytes: z.number().int().positive().default(1024 * 1024),
    /** Most rows (or entities) in one request. */
    maxRows: z.number().int().positive().default(1000),
    /** Fields the model does not take: `reject` (422, catches typos) or `ignore`. */
    extraFields: z.enum(['reject', 'ignore']).default('reject'),
    /** A request not answered within this gets 503 `timeout`; also bounds reading the body. */
    requestTimeoutMs: z.number().int().positive().default(10_000),
    keepAliveTimeoutMs: z.number().int().positive().default(5_000),
    /** Largest request head (request line + headers) accepted; bigger gets 431. */
    maxHeaderBytes: z.number().int().min(1024).default(16 * 1024),
    /** How long `close` waits for in-flight requests before cutting connections. */
    shutdownTimeoutMs: z.number().int().positive().default(15_000),
    /** Coalesces concurrent requests into one inference call (see the README for the trade-off). */
    microBatch: z
      .object({
        enabled: z.boolean().default(true),
        /** Most rows in one call. */
        maxRows: z.number().int().positive().default(64),
        /** Extra wait for more requests before a call that is not full; 0 = only coalesce what queued during the previous call. */
        maxWaitMs: z.number().min(0).default(0),
      })
      .strict()
      .prefault({}),
    /** Polls the registry alias and switches to a new version without dropping requests; 0 disables. */
    reloadIntervalMs: z.number().int().min(0).default(10_000),
    /** Bearer token required on `/admin/*`; without it the admin endpoints are disabled. */
    adminToken: z.string().min(16, 'use at least 16 characters').optional(),
    /**
     * Who may `POST /feedback` (labels change the realized performance everyone reads): `adminToken`
     * needs `Authorization: Bearer <adminToken>` (and without an adminToken the route answers 404,
     * like the admin endpoints); `none` accepts labels from anyone who can reach the server.
     */
    feedbackAuth: z.enum(['adminToken', 'none']).default('adminToken'),
    /** Candidate mirrored with live traffic, e.g. `churn@challenger`. */
    shadow: z
      .object({
        model: modelRef,
        /** Comparison log (JSONL), relative to the project root; default `<stateDir>/shadow/<name>.jsonl`. */
        logFile: z.string().min(1).optional(),
        /** Mirrored requests waiting for the candidate beyond this are dropped (and counted). */
        maxPending: z.number().int().positive().default(256),
      })
      .strict()
      .optional(),
    /**
     * Longest a scrape of `/metrics` waits for a plugin's metrics (the monitor's); after it, the
     * source's previous values are served and `mlops_metrics_source_timeouts_total` counts it.
     */
    metricsSourceBudgetMs: z.number().int().positive().default(250),
    /** Requests with `entities` get their features from the feature store's online path. */
    features: z.object({ service: z.string().min(1), entityKeys: z.array(z.string().min(1)).min(1) }).strict().optional(),
  })
  .strict()
  // "Neither model nor file" is checked when the server starts: `mlops serve --model` may supply it.
  .superRefine((o, ctx) => {
    const file = o.modelFile !== undefined || o.signatureFile !== undefined;
    if (o.model && file) ctx.addIssue({ code: 'custom', path: ['model'], message: 'give either model (a registry ref) or modelFile + signatureFile, not both' });
    if (o.modelIdentity && !o.modelFile) ctx.addIssue({ code: 'custom', path: ['modelIdentity'], message: 'modelIdentity names a served file; it goes with modelFile + signatureFile' });
    if (file && (!o.modelFile || !o.signatureFile)) ctx.addIssue({ code: 'custom', path: [o.modelFile ? 'signatureFile' : 'modelFile'], message: 'modelFile and signatureFile go together' });
  });

export type HttpServerOptions = z.output<typeof httpServerOptions>;
export type HttpServerUserOptions = z.input<typeof httpServerOptions>;
