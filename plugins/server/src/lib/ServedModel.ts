import type { LoadedModel, ServedModelInfo } from '@mlops/core';
import { createRequestSchema, feedSpecs, outputLayout, rowsToFeeds, toPredictions, type FeatureRow, type FeedSpec, type OutputLayout, type Prediction, type RequestSchema } from '@mlops/serving';
import { MicroBatcher } from './MicroBatcher';
import type { HttpServerOptions } from '../options';

/**
 * One loaded model version with everything derived from its signature (request schema, feed
 * types, output layout) and a reference count, so a hot reload can release it only after the
 * requests using it have finished.
 */
export class ServedModel {
  readonly schema: RequestSchema;
  /** The tensor type of each input, as the loaded graph declares it (requests are checked against it). */
  readonly specs: FeedSpec[];
  private readonly layout: OutputLayout;
  private readonly batcher: MicroBatcher<Prediction> | undefined;
  private refs = 0;
  private retired = false;
  private released: Promise<void> | undefined;

  constructor(
    readonly info: ServedModelInfo,
    private readonly model: LoadedModel,
    options: Pick<HttpServerOptions, 'maxRows' | 'extraFields' | 'microBatch' | 'features'>,
    onBatch?: (rows: number, requests: number) => void,
  ) {
    this.schema = createRequestSchema(info.signature, { maxRows: options.maxRows, extraFields: options.extraFields, entityKeys: options.features?.entityKeys });
    this.specs = feedSpecs(info.signature, model.inputs);
    this.layout = outputLayout(info.signature, model.outputs);
    if (options.microBatch.enabled) this.batcher = new MicroBatcher((rows) => this.runRows(rows), { ...options.microBatch, onBatch });
  }

  /** Predictions for validated rows (coalesced with concurrent requests when micro-batching is on). */
  async predict(rows: FeatureRow[]): Promise<Prediction[]> {
    this.refs++;
    try {
      if (this.batcher) return await this.batcher.predict(rows);
      return (await this.runRows(rows))(0, rows.length);
    } finally {
      if (--this.refs === 0 && this.retired) void this.release();
    }
  }

  private async runRows(rows: FeatureRow[]): Promise<(start: number, end: number) => Prediction[]> {
    const outputs = await this.model.run(rowsToFeeds(rows, this.specs));
    return (start, end) => toPredictions(outputs, this.layout, start, end);
  }

  /** No new requests come here; native memory is freed once the last in-flight one finishes. */
  retire(): Promise<void> {
    this.retired = true;
    return this.refs === 0 ? this.release() : new Promise((resolve) => this.waiters.push(resolve));
  }

  private waiters: (() => void)[] = [];

  private release(): Promise<void> {
    this.released ??= this.model.release().finally(() => this.waiters.splice(0).forEach((w) => w()));
    return this.released;
  }
}
