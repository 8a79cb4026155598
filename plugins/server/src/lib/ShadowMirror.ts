import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from '@mlops/core';
import type { Feeds, Prediction } from '@mlops/serving';
import { comparePredictions } from './comparePredictions';
import type { ServedModel } from './ServedModel';
import type { ServerMetrics } from './ServerMetrics';

/** One request as the caller got it, to replay against the candidate. */
export interface MirroredRequest {
  requestId: string;
  /** The feeds the served model ran, `rows` rows; the candidate gets the same columns. */
  feeds: Feeds;
  rows: number;
  served: Prediction[];
  servedModel: ServedModel;
  servedSeconds: number;
}

/**
 * Sends a copy of each answered request to a candidate model, after the response has gone out, and
 * records how it compares: metrics and one JSONL line per request for the cut-over decision. The
 * caller never waits for it; when the candidate falls behind, copies are dropped and counted.
 */
export class ShadowMirror {
  private pending = 0;
  private readonly log: WriteStream;

  constructor(
    private readonly candidate: () => ServedModel | undefined,
    private readonly metrics: ServerMetrics,
    private readonly logger: Logger,
    logFile: string,
    private readonly maxPending: number,
  ) {
    mkdirSync(dirname(logFile), { recursive: true });
    this.log = createWriteStream(logFile, { flags: 'a' });
    this.log.on('error', (err) => logger.warn(`shadow comparison log ${logFile}: ${err.message}`));
  }

  mirror(request: MirroredRequest): void {
    const model = this.candidate();
    if (!model) return void this.metrics.shadowDropped.inc({ reason: 'not_loaded' });
    if (this.pending >= this.maxPending) return void this.metrics.shadowDropped.inc({ reason: 'backlog' });
    this.pending++;
    // setImmediate: the caller's response is flushed before the candidate's run is even queued.
    setImmediate(() => {
      void this.replay(model, request).finally(() => this.pending--);
    });
  }

  private async replay(model: ServedModel, request: MirroredRequest): Promise<void> {
    const start = process.hrtime.bigint();
    let answer: Prediction[];
    try {
      answer = model.predictionsOf(await model.predict(model.adopt(request.feeds, request.rows, request.servedModel), request.rows));
    } catch (err) {
      this.metrics.shadowDropped.inc({ reason: 'error' });
      this.logger.warn(`shadow ${model.info.name} v${model.info.version} failed on request ${request.requestId}: ${(err as Error).message}`);
      return;
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const cmp = comparePredictions(request.served, answer);
    this.metrics.shadowAgreement.inc({ agreement: 'same' }, cmp.sameLabel);
    this.metrics.shadowAgreement.inc({ agreement: 'different' }, cmp.rows - cmp.sameLabel);
    this.metrics.shadowDiff.observe(cmp.maxAbsDiff);
    this.metrics.shadowLatency.observe({ role: 'served' }, request.servedSeconds);
    this.metrics.shadowLatency.observe({ role: 'candidate' }, seconds);
    const line = {
      at: new Date().toISOString(),
      requestId: request.requestId,
      served: { name: request.servedModel.info.name, version: request.servedModel.info.version, ms: round(request.servedSeconds * 1000) },
      candidate: { name: model.info.name, version: model.info.version, ms: round(seconds * 1000) },
      rows: cmp.rows,
      sameLabel: cmp.sameLabel,
      maxAbsDiff: round(cmp.maxAbsDiff),
      servedPredictions: request.served,
      candidatePredictions: answer,
    };
    this.log.write(`${JSON.stringify(line)}\n`);
  }

  /** Waits for mirrored requests in flight, then closes the log. */
  async close(): Promise<void> {
    while (this.pending > 0) await new Promise((r) => setTimeout(r, 5));
    await new Promise<void>((resolve) => this.log.end(resolve));
  }
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
