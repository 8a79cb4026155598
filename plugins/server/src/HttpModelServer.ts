import cluster from 'node:cluster';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { isMetricsSource, type ArtifactStore, type FeatureStore, type HookBus, type Logger, type ModelRegistry, type ModelRuntime, type ModelServer, type ReloadResult, type ServedModelInfo } from '@mlops/core';
import { AggregatorRegistry } from 'prom-client';
import { ServerError, serverErrorCodes } from './errors';
import { answerClientError } from './lib/answerClientError';
import { drainServer } from './lib/drainServer';
import { httpServerSettings } from './lib/httpServerSettings';
import type { HttpServerOptions } from './options';
import type { ModelSourceRef } from './lib/loadModelSource';
import { ModelSlot } from './lib/ModelSlot';
import { RequestHandler } from './lib/RequestHandler';
import { ServerMetrics } from './lib/ServerMetrics';
import { ShadowMirror } from './lib/ShadowMirror';
import { declaredNames, exportedNames, SourceMetrics } from './lib/SourceMetrics';
import { serveHandedConnections } from './lib/serveHandedConnections';
import { answerSourceRequests, clusterSource } from './lib/clusterSource';
import { clusterMetricsFromPrimary, superviseWorkers, type WorkerPool } from './lib/superviseWorkers';

/** The services the server uses; only the runtime is required. */
export interface HttpModelServerServices {
  runtime: ModelRuntime;
  registry?: ModelRegistry;
  artifacts?: ArtifactStore;
  featureStore?: FeatureStore;
  /** The runtime's hooks: the primary model's inference calls are announced as `predictionsServed`; /metrics counts hook failures. */
  hooks?: HookBus;
  /**
   * `tokens.monitor`'s service, if configured: `POST /feedback` passes labels to it when it is a
   * feedback sink, and `/metrics` adds its metrics when it is a metrics source (`isMetricsSource`).
   */
  monitor?: unknown;
  projectRoot: string;
  stateDir: string;
  logger: Logger;
}

/**
 * The HTTP model server. `listen` loads the model and serves; with `workers > 1`, the process that
 * calls it becomes a cluster primary that only supervises, and each worker (the same program,
 * forked, so it calls `listen` too) loads the model and serves.
 */
export class HttpModelServer implements ModelServer {
  private server: Server | undefined;
  private pool: WorkerPool | undefined;
  private poller: NodeJS.Timeout | undefined;
  private draining = false;
  private readonly metrics: ServerMetrics;
  private readonly primary: ModelSlot;
  private readonly shadow: { slot: ModelSlot; mirror: ShadowMirror } | undefined;
  private address: string | undefined;
  private readonly source: SourceMetrics | undefined;

  constructor(
    private readonly options: HttpServerOptions,
    private readonly services: HttpModelServerServices,
  ) {
    if (!options.model && !options.modelFile) {
      throw new ServerError(serverErrorCodes.config, 'no model to serve: set the server option model (NAME@ALIAS) or modelFile + signatureFile, or pass --model / --model-file to mlops serve', { badInput: true });
    }
    const source: ModelSourceRef = options.model
      ? { kind: 'registry', ref: options.model }
      : { kind: 'file', modelFile: options.modelFile!, signatureFile: options.signatureFile!, identity: options.modelIdentity };
    // A supervising primary exports only the workers' registries (aggregated): no process metrics of its own.
    this.metrics = new ServerMetrics({ processMetrics: this.servesHere() });
    if (services.hooks) this.metrics.watchHooks(services.hooks);
    if (isMetricsSource(services.monitor)) {
      // A cluster primary serves its own copy's shared families (drift: computed once) and the
      // workers' per-process ones (their prediction logs) combined; see clusterSource.
      const budget = options.metricsSourceBudgetMs;
      const source = this.servesHere() ? services.monitor : clusterSource(services.monitor, () => this.pool?.sourceFamilies(budget) ?? Promise.resolve([]));
      this.source = new SourceMetrics('monitor', source, budget, this.metrics, services.logger);
    }
    this.primary = new ModelSlot('primary', source, services, options, this.metrics, services.logger);
    if (options.shadow && this.servesHere()) {
      const slot = new ModelSlot('shadow', { kind: 'registry', ref: options.shadow.model }, services, options, this.metrics, services.logger);
      const logFile = options.shadow.logFile ? resolve(services.projectRoot, options.shadow.logFile) : join(services.stateDir, 'shadow', `${options.shadow.model.replace(/[^\w.-]+/g, '_')}.jsonl`);
      this.shadow = { slot, mirror: new ShadowMirror(() => slot.current(), this.metrics, services.logger, logFile, options.shadow.maxPending) };
    }
  }

  get url(): string | undefined {
    return this.address;
  }

  model(): ServedModelInfo | undefined {
    return this.primary.current()?.info;
  }

  /** A cluster primary with workers > 1 only supervises. */
  private servesHere(): boolean {
    return this.options.workers <= 1 || !cluster.isPrimary;
  }

  async listen(): Promise<void> {
    const { logger } = this.services;
    if (!this.servesHere()) {
      // A worker that cannot resolve its model exits, and the primary would fork it again and again.
      await this.primary.check();
      // The names taken are those of the workers' aggregated text (the primary's registry lacks their process metrics).
      const extra = this.source ? (text: string) => this.sourceText(declaredNames(text)) : undefined;
      this.pool = await superviseWorkers(this.options.workers, { host: this.options.host, port: this.options.port, waitMs: this.options.requestTimeoutMs }, logger, extra);
      logger.info(`model server: ${this.options.workers} workers on http://${this.options.host}:${this.options.port}`);
      return;
    }
    await this.primary.refresh();
    if (this.shadow) {
      // A missing candidate must not stop the served model: log, keep polling.
      await this.shadow.slot.refresh().catch((err: Error) => logger.warn(`shadow model ${this.options.shadow!.model}: ${err.message}`));
    }
    if (cluster.isWorker) {
      new AggregatorRegistry();
      AggregatorRegistry.setRegistries([this.metrics.registry]);
      if (isMetricsSource(this.services.monitor)) answerSourceRequests(this.services.monitor);
    }
    const handler = new RequestHandler({
      options: this.options,
      primary: this.primary,
      shadow: this.shadow,
      featureStore: this.services.featureStore,
      metrics: this.metrics,
      logger,
      metricsText: () => (cluster.isWorker ? clusterMetricsFromPrimary() : this.metricsText()),
      reload: () => this.reload(),
      isDraining: () => this.draining,
      monitor: this.services.monitor,
    });
    // The handler counts its requests in flight (for /metrics and the drain) and never throws.
    const server = createServer(httpServerSettings(this.options), (req, res) => handler.handle(req, res));
    // Unreadable requests (timeout, huge headers, not HTTP, client gone) get a JSON error, not node's bare 400.
    const limits = { requestTimeoutMs: this.options.requestTimeoutMs, maxHeaderBytes: this.options.maxHeaderBytes };
    server.on('clientError', (err, socket) => answerClientError(err, socket, { metrics: this.metrics, logger, limits }));
    this.server = server;
    let port = this.options.port;
    if (cluster.isWorker) {
      serveHandedConnections(server);
    } else {
      await new Promise<void>((ok, fail) => {
        server.once('error', fail);
        server.listen(this.options.port, this.options.host, () => ok());
      });
      port = (server.address() as AddressInfo).port;
    }
    this.address = `http://${this.options.host.includes(':') ? `[${this.options.host}]` : this.options.host}:${port}`;
    if (this.options.model && this.options.reloadIntervalMs > 0) this.schedulePoll();
    logger.info(`model server${cluster.isWorker ? ` (worker ${process.pid})` : ''} listening on ${this.address}`);
  }

  /**
   * The server's registry, then the monitor's metrics (collected first, so this scrape's timeout
   * count is in the registry's text). With workers > 1 the primary aggregates the workers'
   * registries and appends `sourceText` once (the workers' registries hold the same names as its own).
   */
  private async metricsText(): Promise<string> {
    const extra = await this.sourceText();
    const own = await this.metrics.registry.metrics();
    return extra ? `${own.endsWith('\n') ? own : `${own}\n`}${extra}` : own;
  }

  /** The source's text, leaving out the names this registry (and `alsoTaken`) already exports. */
  private sourceText(alsoTaken: readonly string[] = []): Promise<string> {
    return this.source ? this.source.text(exportedNames([...this.metrics.registry.getMetricsAsArray().map((m) => m.name), ...alsoTaken])) : Promise.resolve('');
  }

  private schedulePoll(): void {
    this.poller = setTimeout(() => {
      void this.reload()
        .catch((err: Error) => this.services.logger.warn(`model reload failed, still serving the current model: ${err.message}`))
        .finally(() => !this.draining && this.schedulePoll());
    }, this.options.reloadIntervalMs);
    this.poller.unref();
  }

  /**
   * Same as `listen`, for programs that drive the server themselves (the `mlops build` bundle).
   * The plugin hides it, so a runtime starting its plugins never serves by accident.
   */
  start(): Promise<void> {
    return this.listen();
  }

  async reload(): Promise<ReloadResult> {
    const result = await this.primary.refresh();
    await this.shadow?.slot.refresh().catch((err: Error) => this.services.logger.warn(`shadow reload failed: ${err.message}`));
    return result;
  }

  async health() {
    if (this.pool) return { ok: this.pool.size() > 0, detail: `${this.pool.size()}/${this.options.workers} workers` };
    if (!this.server) return { ok: true, detail: 'not listening (mlops serve starts it)' };
    const m = this.model();
    return m ? { ok: !this.draining, detail: `${m.name} v${m.version ?? '-'} on ${this.address}` } : { ok: false, detail: 'no model loaded' };
  }

  /** Stops accepting, lets in-flight requests finish (up to `shutdownTimeoutMs`), then releases the models. */
  async close(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    if (this.poller) clearTimeout(this.poller);
    if (this.pool) return this.pool.close(this.options.shutdownTimeoutMs);
    if (this.server) {
      // Idle keep-alive clients get half a second (at most their keep-alive timeout) to send what they had on the way.
      await drainServer(this.server, () => this.metrics.requestsInFlight, { idleGraceMs: Math.min(500, this.options.keepAliveTimeoutMs), timeoutMs: this.options.shutdownTimeoutMs, logger: this.services.logger });
    }
    await this.shadow?.mirror.close();
    await this.shadow?.slot.close();
    await this.primary.close();
  }
}
