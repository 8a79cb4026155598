import type { HookBus, LoadedModel, ServedModelInfo, ServedRequest, TensorValue } from '@mlops/core';
import { columnsSource, concatFeeds, createRequestSchema, feedSpecs, outputLayout, rowScanPlan, rowsSource, scanRowFeeds, toFeeds, toPredictions, type FeatureRow, type FeedSpec, type Feeds, type OutputLayout, type Prediction, type RequestSchema, type RowScanPlan } from '@mlops/serving';
import type { ServedRows } from './answerJson';
import { MicroBatcher, type BatchPart } from './MicroBatcher';
import type { HttpServerOptions } from '../options';

/** Who asked, for the `predictionsServed` announcement: the request id and `process.hrtime.bigint()` at its arrival. */
export interface RequestTag {
  id: string;
  receivedAt: bigint;
}

/** The online lookup of a served model: which feature service, and the join keys of `entities` bodies. */
export interface ServedFeatures {
  service: string;
  entityKeys: readonly string[];
}

/**
 * One loaded model version with everything derived from its signature (request schema, feed
 * types, output layout, its feature service) and a reference count, so a hot reload can release it
 * only after the requests using it have finished. Requests reach it as typed feeds.
 */
export class ServedModel {
  readonly schema: RequestSchema;
  /** The tensor type of each input, as the loaded graph declares it (requests are checked against it). */
  readonly specs: readonly FeedSpec[];
  /** From the registry version (what it was trained on); the server option `features` overrides it. */
  readonly features: ServedFeatures | undefined;
  /** Where the answers are in the graph's outputs. */
  readonly layout: OutputLayout;
  /** Set when every input is numeric: `{ rows }` bodies are then read from their bytes into feeds. */
  private readonly scanPlan: RowScanPlan | undefined;
  private readonly batcher: MicroBatcher<ServedRows, RequestTag> | undefined;
  /** Inference calls running now (with the requests queued in the batcher: what keeps a retired model). */
  private calls = 0;
  /** Set once the model serves (after its warm-up run, which is not a prediction anyone got). */
  private hooks: HookBus | undefined;
  private retired = false;
  private released: Promise<void> | undefined;

  constructor(
    readonly info: ServedModelInfo,
    private readonly model: LoadedModel,
    options: Pick<HttpServerOptions, 'maxRows' | 'extraFields' | 'microBatch' | 'features'>,
    onBatch?: (rows: number, requests: number) => void,
  ) {
    this.features = options.features ?? (info.features ? { service: info.features.service, entityKeys: info.features.entityKeys } : undefined);
    this.schema = createRequestSchema(info.signature, { maxRows: options.maxRows, extraFields: options.extraFields, entityKeys: this.features?.entityKeys });
    this.specs = feedSpecs(info.signature, model.inputs);
    this.layout = outputLayout(info.signature, model.outputs);
    this.scanPlan = rowScanPlan(this.schema.columns, this.specs, this.schema.maxRows);
    if (options.microBatch.enabled) this.batcher = new MicroBatcher<ServedRows, RequestTag>((parts, rows) => this.run(parts, rows), sliceRows, { ...options.microBatch, onBatch });
  }

  /** From now on, every inference call is announced as `predictionsServed` on `hooks`. */
  announceTo(hooks: HookBus | undefined): void {
    this.hooks = hooks;
  }

  /**
   * A `{ rows }` or `{ row }` body of valid numeric rows as feeds, straight from its bytes; undefined
   * when the body needs the JSON.parse path (other shapes, other types, anything to report).
   */
  scanRows(body: Uint8Array): { feeds: Feeds; rows: number } | undefined {
    return this.scanPlan && scanRowFeeds(body, this.scanPlan);
  }

  /** Validated request rows as this model's feeds. */
  feedsOf(rows: readonly FeatureRow[]): Feeds {
    return toFeeds(rowsSource(rows), this.specs);
  }

  /**
   * Feeds built for another model (the primary's, replayed to a shadow) as this model's: the same
   * arrays when the input types agree, else converted column by column.
   */
  adopt(feeds: Feeds, rows: number, from: ServedModel): Feeds {
    if (from === this || sameSpecs(from.specs, this.specs)) return feeds;
    const columns: Record<string, ArrayLike<unknown>> = {};
    for (const [name, tensor] of Object.entries(feeds)) columns[name] = tensor.data;
    return toFeeds(columnsSource(rows, columns), this.specs);
  }

  /**
   * The outputs for `rows` rows of feeds (coalesced with concurrent requests when micro-batching is
   * on), as this request's rows of the call's output tensors: no prediction objects unless asked for.
   */
  predict(feeds: Feeds, rows: number, tag?: RequestTag): Promise<ServedRows> {
    // No async layer here: the answer is the batcher's (or the call's) own promise.
    return this.batcher ? this.batcher.predict(feeds, rows, tag) : this.run([{ feeds, rows, tag }], rows);
  }

  /** Prediction objects of served rows (the shadow comparison and its log use them). */
  predictionsOf(rows: ServedRows): Prediction[] {
    return toPredictions(rows.outputs, this.layout, rows.start, rows.end);
  }

  /**
   * One inference call over the parts' rows: their feeds, concatenated input by input. Not an
   * `async` function: the runtime's promise and one reaction, and every failure is a rejection.
   */
  private run(parts: readonly BatchPart<RequestTag>[], rows: number): Promise<ServedRows> {
    this.calls++;
    let feeds: Feeds;
    let call: Promise<Record<string, TensorValue>>;
    let announce: boolean;
    let started = 0n;
    try {
      feeds = parts.length === 1 ? parts[0]!.feeds : concatFeeds(parts.map((p) => p.feeds), parts.map((p) => p.rows));
      // The clock is read only for an announcement (its inference time).
      announce = this.hooks?.has('predictionsServed') === true;
      if (announce) started = process.hrtime.bigint();
      call = this.model.run(feeds);
    } catch (error) {
      this.ended();
      return Promise.reject(error);
    }
    return call.then(
      (outputs) => {
        try {
          // One announcement per inference call (a whole micro-batch), handing over the feed and output
          // columns as they are: no row objects, no copies; queued, so subscribers run after the response.
          if (announce && this.hooks) {
            const now = process.hrtime.bigint();
            this.hooks.announce('predictionsServed', { model: this.info, rows, inputs: feeds, outputs, servedAt: Date.now(), requests: servedRequests(parts, now), inferenceMs: Number(now - started) / 1e6 }, rows);
          }
        } finally {
          this.ended();
        }
        return { outputs, start: 0, end: rows };
      },
      (error: unknown) => {
        this.ended();
        throw error;
      },
    );
  }

  /** A call is over: a retired model is released once none runs and none is queued. */
  private ended(): void {
    if (--this.calls === 0 && this.retired && !this.inUse()) void this.release();
  }

  /**
   * No new requests come here; native memory is freed once no call runs and none is queued (a
   * queued request starts a call, and a call's `finally` checks again).
   */
  retire(): Promise<void> {
    this.retired = true;
    return this.inUse() ? new Promise((resolve) => this.waiters.push(resolve)) : this.release();
  }

  private inUse(): boolean {
    return this.calls > 0 || (this.batcher?.queued ?? 0) > 0;
  }

  private waiters: (() => void)[] = [];

  private release(): Promise<void> {
    this.released ??= this.model.release().finally(() => this.waiters.splice(0).forEach((w) => w()));
    return this.released;
  }
}

/** The tagged requests of a call (untagged ones, like the warm-up run, are left out: then none at all). */
function servedRequests(parts: readonly BatchPart<RequestTag>[], now: bigint): ServedRequest[] | undefined {
  if (parts.some((p) => !p.tag)) return undefined;
  return parts.map((p) => ({ id: p.tag!.id, rows: p.rows, latencyMs: Number(now - p.tag!.receivedAt) / 1e6 }));
}

function sliceRows(answer: ServedRows, start: number, end: number): ServedRows {
  return { outputs: answer.outputs, start, end };
}

function sameSpecs(a: readonly FeedSpec[], b: readonly FeedSpec[]): boolean {
  return a.length === b.length && a.every((s, i) => s.name === b[i]!.name && s.kind === b[i]!.kind);
}
