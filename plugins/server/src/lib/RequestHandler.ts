import type { IncomingMessage, ServerResponse } from 'node:http';
import { Deadlines, type Deadline, type FeatureStore, type Logger, type ReloadResult, type TallySeries } from '@mlops/core';
import { parsePredictRequest, ServingError, type Feeds } from '@mlops/serving';
import type { HttpServerOptions } from '../options';
import { settledByClientError } from './answerClientError';
import { checkBearer } from './checkBearer';
import { checkJsonContentType } from './checkJsonContentType';
import { handleFeedback } from './handleFeedback';
import { checkEntityKeys, checkRepresentable } from './checkRequestValues';
import { lookupFeatures } from './lookupFeatures';
import type { ModelSlot } from './ModelSlot';
import { readBodyThen } from './readBody';
import { requestIdOf } from './requestId';
import { answerJson, type ServedRows } from './answerJson';
import type { ServedModel } from './ServedModel';
import { sendJson, sendJsonText, sendText } from './sendJson';
import type { ServerMetrics } from './ServerMetrics';
import type { ShadowMirror } from './ShadowMirror';

/** What the handler needs from the server around it. */
export interface RequestHandlerDeps {
  options: HttpServerOptions;
  primary: ModelSlot;
  shadow?: { slot: ModelSlot; mirror: ShadowMirror };
  featureStore?: FeatureStore;
  metrics: ServerMetrics;
  logger: Logger;
  /** Prometheus text (aggregated over workers in a cluster). */
  metricsText: () => Promise<string>;
  reload: () => Promise<ReloadResult>;
  isDraining: () => boolean;
  /** `tokens.monitor`'s service, if one is configured: `/feedback` hands it labels when it is a feedback sink. */
  monitor?: unknown;
}

const routes = new Set(['/predict', '/feedback', '/health', '/ready', '/metrics', '/model', '/admin/reload']);

/** One `/predict` request on its way (also its deadline's label): what the answer, a failure and the accounting need. */
interface PredictCall {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly requestId: string;
  /** `process.hrtime.bigint()` when the request arrived. */
  readonly start: bigint;
  deadline: Deadline<PredictCall> | undefined;
}

const predictPath = '/predict';

/** Routes one request and turns every failure into a JSON error; never throws. */
export class RequestHandler {
  private readonly deadlines: Deadlines<PredictCall>;
  /** The request-duration series by route and status code, looked up without building a key per request. */
  private readonly durations = new Map<string, Map<number, TallySeries>>();
  /** `/predict` answered 200: the series of most requests. */
  private predicted: TallySeries | undefined;

  constructor(private readonly deps: RequestHandlerDeps) {
    // An inference still running at the deadline: the client gets the timeout now, the late answer is dropped.
    this.deadlines = new Deadlines<PredictCall>(deps.options.requestTimeoutMs, (_, ms) => new ServingError('timeout', `no prediction within ${ms} ms`), (call, error) => this.predictFailed(call, error));
  }

  /**
   * Every answer carries `x-request-id`, written with the rest of its headers in one `writeHead`
   * (see sendJson); while the server drains, also `connection: close`. Every request is counted in
   * flight until answered (for /metrics and the drain), then observed in the duration histogram,
   * once (`finish`).
   */
  handle(req: IncomingMessage, res: ServerResponse): void {
    const start = process.hrtime.bigint();
    const requestId = requestIdOf(req.headers['x-request-id']);
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q >= 0 ? url.slice(0, q) : url;
    // A plain count, read when /metrics is collected (and by the drain): no gauge update per request.
    this.deps.metrics.requestsInFlight++;
    // The hot path: callbacks from the body's end to the answer, no async function or promise of its own.
    if (path === predictPath && req.method === 'POST') {
      this.predict({ req, res, requestId, start, deadline: undefined });
      return;
    }
    this.route(path, req, res, requestId).then(
      () => this.finish(req, res, path, start),
      (err: unknown) => {
        this.fail(req, res, err, requestId, path);
        this.finish(req, res, path, start);
      },
    );
  }

  /** The end of every request, answered or failed: out of the in-flight count, into the duration histogram. */
  private finish(req: IncomingMessage, res: ServerResponse, path: string, start: bigint): void {
    this.deps.metrics.requestsInFlight--;
    // A request that node's clientError handler answered (408, client gone) was counted there.
    if (settledByClientError.has(req.socket)) return;
    // The common series kept at hand: no route or status lookup for an answered prediction.
    const series = path === predictPath && res.statusCode === 200 ? (this.predicted ??= this.durationOf(path, 200)) : this.durationOf(routes.has(path) ? path : 'other', res.statusCode);
    series.observe(Number(process.hrtime.bigint() - start) / 1e9);
  }

  private sendJson(res: ServerResponse, status: number, body: unknown, requestId: string): void {
    sendJson(res, status, body, requestId, this.deps.isDraining());
  }

  private durationOf(route: string, status: number): TallySeries {
    let byStatus = this.durations.get(route);
    if (!byStatus) this.durations.set(route, (byStatus = new Map()));
    let series = byStatus.get(status);
    if (!series) byStatus.set(status, (series = this.deps.metrics.requestDuration.labels({ route, status: String(status) })));
    return series;
  }

  /** Every route but `POST /predict` (handled before). */
  private async route(path: string, req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
    const method = req.method ?? 'GET';
    switch (path) {
      case predictPath:
        // Only other methods come here.
        allow(method, 'POST', path);
        return;
      case '/feedback':
        allow(method, 'POST', path);
        return this.sendJson(res, 200, await handleFeedback(req, this.deps.options, this.deps.monitor), requestId);
      case '/health':
        allow(method, 'GET', path);
        return this.sendJson(res, 200, { status: 'ok', pid: process.pid }, requestId);
      case '/ready':
        allow(method, 'GET', path);
        return this.ready(res, requestId);
      case '/metrics':
        allow(method, 'GET', path);
        return sendText(res, 200, await this.deps.metricsText(), 'text/plain; version=0.0.4; charset=utf-8', requestId, this.deps.isDraining());
      case '/model':
        allow(method, 'GET', path);
        return this.model(res, requestId);
      case '/admin/reload':
        allow(method, 'POST', path);
        if (!this.deps.options.adminToken) throw new ServingError('not_found', 'admin endpoints are disabled; set the server option adminToken to enable them');
        checkBearer(req, this.deps.options.adminToken);
        return this.sendJson(res, 200, await this.deps.reload(), requestId);
      default:
        throw new ServingError('not_found', `no endpoint ${path}; the server has POST /predict, POST /feedback, GET /health, /ready, /metrics, /model`);
    }
  }

  /** `POST /predict`: checks the type, then reads the body (see `predictBody`). */
  private predict(call: PredictCall): void {
    try {
      checkJsonContentType(call.req.headers['content-type']);
      readBodyThen(call.req, this.deps.options.bodyLimitBytes, (error, bytes) => (error ? this.predictFailed(call, error) : this.predictBody(call, bytes!)));
    } catch (err) {
      this.predictFailed(call, err);
    }
  }

  /** Called from the body's `end` event: must not throw (every failure is answered). */
  private predictBody(call: PredictCall, bytes: Buffer): void {
    try {
      const model = this.deps.primary.current();
      // Valid numeric rows go from the body's bytes into feed columns; everything else is parsed.
      const scanned = model?.scanRows(bytes);
      if (model && scanned) {
        this.infer(call, model, scanned.feeds, scanned.rows);
        return;
      }
      this.parseBody(bytes).then(
        ({ model: parsedFor, feeds, rows }) => this.infer(call, parsedFor, feeds, rows),
        (err: unknown) => this.predictFailed(call, err),
      );
    } catch (err) {
      this.predictFailed(call, err);
    }
  }

  /** A body the byte scanner left: parsed and checked, rows or entities (looked up in the feature store) as feeds. */
  private async parseBody(bytes: Buffer): Promise<{ model: ServedModel; feeds: Feeds; rows: number }> {
    const body = parseJson(bytes);
    let model = this.deps.primary.current();
    if (!model) throw new ServingError('not_ready', 'the model is not loaded yet');
    const request = parsePredictRequest(body, model.schema, model.specs);
    if (request.kind === 'entities') {
      const { featureStore } = this.deps;
      const features = model.features;
      if (!featureStore || !features) throw new ServingError('invalid_body', 'entities need a feature store and a feature service (from the model version, or the server option features); this server has none');
      checkEntityKeys(request.entities);
      const looked = model;
      const found = await lookupFeatures(featureStore, features.service, request.entities, looked.specs);
      const rows = request.entities.length;
      // The lookup awaited: take the model that is current now (a reload may have retired the other).
      model = this.deps.primary.current()!;
      return { model, feeds: model.adopt(found, rows, looked), rows };
    }
    // Valid rows come back as feed columns from the same pass that checked them.
    if (!request.feeds) {
      // Rows the one-pass parser left to zod: name out-of-range fields as the client wrote them,
      // `{ row }` or `{ rows }` (the parser prefers rows).
      const single = !('rows' in (body as object));
      checkRepresentable(request.rows, model.specs, single ? (_, name) => `row.${name}` : (i, name) => `rows[${i}].${name}`);
    }
    return { model, feeds: request.feeds ?? model.feedsOf(request.rows), rows: request.rows.length };
  }

  /** Runs the inference under the request's deadline; the answer (or the failure) is written when it settles. */
  private infer(call: PredictCall, model: ServedModel, feeds: Feeds, rows: number): void {
    // Clock reads cost: only a shadow's log uses the inference time.
    const started = this.deps.shadow ? process.hrtime.bigint() : 0n;
    let served: Promise<ServedRows>;
    try {
      served = model.predict(feeds, rows, { id: call.requestId, receivedAt: call.start });
    } catch (err) {
      this.predictFailed(call, err);
      return;
    }
    call.deadline = this.deadlines.track(call);
    served.then(
      (rowsServed) => this.answer(call, model, feeds, rows, rowsServed, started),
      (err: unknown) => {
        if (this.deadlines.settle(call.deadline!)) this.predictFailed(call, err);
      },
    );
  }

  private answer(call: PredictCall, model: ServedModel, feeds: Feeds, rows: number, served: ServedRows, started: bigint): void {
    // Past the deadline the client already has its timeout: a late answer is dropped.
    if (!this.deadlines.settle(call.deadline!)) return;
    const { requestId, res } = call;
    try {
      // Written from the output tensors (checked for non-finite values on the way): no prediction objects.
      const answer = answerJson(served, model.layout, requestId);
      sendJsonText(res, 200, answer.text, requestId, this.deps.isDraining());
      // One tally per class, not per row.
      const name = model.info.name;
      const { metrics, shadow } = this.deps;
      for (let j = 0; j < answer.classes.length; j++) metrics.countPredictions(name, answer.classes[j]!, answer.counts[j]!);
      if (shadow) shadow.mirror.mirror({ requestId, feeds, rows, served: model.predictionsOf(served), servedModel: model, servedSeconds: Number(process.hrtime.bigint() - started) / 1e9 });
    } catch (err) {
      this.fail(call.req, res, err, requestId, predictPath);
    }
    this.finish(call.req, res, predictPath, call.start);
  }

  /** A `/predict` that failed before its answer (or timed out): the JSON error, then the accounting. */
  private predictFailed(call: PredictCall, err: unknown): void {
    this.fail(call.req, call.res, err, call.requestId, predictPath);
    this.finish(call.req, call.res, predictPath, call.start);
  }

  private async ready(res: ServerResponse, requestId: string): Promise<void> {
    const checks: Record<string, { ok: boolean; detail?: string }> = {};
    const model = this.deps.primary.current();
    checks.model = model ? { ok: true, detail: `${model.info.name} v${model.info.version ?? '-'}` } : { ok: false, detail: 'not loaded' };
    if (this.deps.isDraining()) checks.server = { ok: false, detail: 'shutting down' };
    const fs = this.deps.featureStore;
    if (fs && model?.features) {
      try {
        checks.featureStore = (await fs.health?.()) ?? { ok: true };
      } catch (err) {
        checks.featureStore = { ok: false, detail: (err as Error).message };
      }
    }
    const ok = Object.values(checks).every((c) => c.ok);
    this.sendJson(res, ok ? 200 : 503, { status: ok ? 'ready' : 'not ready', checks }, requestId);
  }

  private model(res: ServerResponse, requestId: string): void {
    const m = this.deps.primary.current();
    if (!m) throw new ServingError('not_ready', 'the model is not loaded yet');
    const shadow = this.deps.shadow?.slot.current()?.info;
    this.sendJson(res, 200, { ...m.info, ...(shadow ? { shadow: { name: shadow.name, version: shadow.version, alias: shadow.alias, digest: shadow.digest } } : {}) }, requestId);
  }

  private fail(req: IncomingMessage, res: ServerResponse, err: unknown, requestId: string, path: string): void {
    // Answered and counted by the clientError handler (a 408 while the body was being read, a client that left).
    if (settledByClientError.has(req.socket)) return;
    const known = err instanceof ServingError ? err : undefined;
    const error = known ?? new ServingError('internal', `internal error; quote request id ${requestId} to the operator`);
    this.deps.metrics.errors.inc({ code: error.code });
    if (error.code === 'client_closed') {
      // Nobody is there to answer; the client's choice, not a server fault: no stack, no error line.
      this.deps.logger.debug(`${path} request ${requestId}: ${error.message}`);
      res.destroy();
      return;
    }
    if (!known || error.status >= 500) this.deps.logger.error(`${path} request ${requestId} failed: ${(err as Error)?.stack ?? String(err)}`);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    // An oversized body is left unread: close the connection rather than drain it.
    sendJson(res, error.status, error.toBody(requestId), requestId, error.code === 'body_too_large' || this.deps.isDraining());
  }
}

function allow(method: string, wanted: string, path: string): void {
  if (method !== wanted) throw new ServingError('method_not_allowed', `${path} takes ${wanted}, found ${method}`);
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw new ServingError('bad_json', `the body is not valid JSON: ${(err as Error).message}`);
  }
}
