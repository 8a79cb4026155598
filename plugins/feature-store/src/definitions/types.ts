/** Type of a feature value: `float` and `int` are numbers, `string` text, `bool` booleans. */
export type FeatureType = 'float' | 'int' | 'string' | 'bool';

/** Every feature type, in a stable order (for validation messages). */
export const featureTypes: readonly FeatureType[] = ['float', 'int', 'string', 'bool'];

/** The JS type of a value of feature type `T`. */
export type ValueOf<T extends FeatureType> = T extends 'float' | 'int' ? number : T extends 'string' ? string : boolean;

/** Feature names and their types, e.g. `{ total_spend: 'float', orders: 'int' }`. */
export type FeatureSchema = Readonly<Record<string, FeatureType>>;

/** A row of nullable typed values for a schema. */
export type RowOf<S extends FeatureSchema> = { [K in keyof S]: ValueOf<S[K]> | null };

/** Something that has join keys, e.g. a customer (`customer_id`). */
export interface Entity {
  readonly kind: 'entity';
  readonly name: string;
  /** Columns identifying one entity; compared as text, so `42` and `'42'` are the same entity. */
  readonly joinKeys: readonly string[];
  readonly description?: string;
}

/** A table or query of the offline database. Its timestamp column is epoch ms or ISO-8601 text. */
export interface SqlSource {
  readonly kind: 'sqlSource';
  readonly table?: string;
  readonly query?: string;
  readonly timestampColumn: string;
  readonly timestampFormat: 'epoch_ms' | 'iso';
}

/** A CSV or Parquet file, read with `@mlops/frame`'s readers; relative paths resolve against the project root. */
export interface FileSource {
  readonly kind: 'fileSource';
  readonly path: string;
  readonly format: 'csv' | 'parquet';
  readonly timestampColumn: string;
}

/** Where a stream source reads: a NATS JetStream stream through a durable pull consumer. */
export interface NatsTransport {
  readonly type: 'nats';
  /** Server URL(s), default `nats://127.0.0.1:4222`. */
  readonly servers: string;
  /** JetStream stream (created with `subject` if missing). */
  readonly stream: string;
  readonly subject: string;
  /** Durable consumer name: a restarted ingester resumes where the last one acknowledged. */
  readonly durable: string;
  /** Where bad events go (default `mlops.dead.<stream>`, kept in stream `<stream>_DEAD`). */
  readonly deadLetterSubject: string;
  /** Redelivery delay of an unacknowledged message (ms), e.g. after a crash. */
  readonly ackWaitMs: number;
}

/** Where a stream source reads: a Redis stream through a consumer group. */
export interface RedisStreamTransport {
  readonly type: 'redis';
  /** Redis URL, default `redis://127.0.0.1:6379`. */
  readonly url: string;
  /** Stream key; each entry has a field `data` holding the event as JSON. */
  readonly stream: string;
  /** Consumer group (created at the start of the stream if missing). */
  readonly group: string;
  /** Stream key for bad events (default `<stream>:dead`). */
  readonly deadLetterStream: string;
  /** Entries another consumer left pending this long (ms) are claimed (`XAUTOCLAIM`): that consumer died. */
  readonly claimIdleMs: number;
}

/**
 * A stream of events (one JSON object per message: join keys, the timestamp column, features).
 * `mlops features ingest` or `push` writes them online and appends them to the offline table
 * `mlops_fs_stream_<view>`, which is what training sets read.
 */
export interface StreamSource {
  readonly kind: 'streamSource';
  readonly transport: NatsTransport | RedisStreamTransport;
  /** Event time: epoch milliseconds or ISO-8601 text. */
  readonly timestampColumn: string;
  /** An event field that identifies the event (else the transport's message id): a producer's retry is then no duplicate. */
  readonly idField?: string;
}

export type Source = SqlSource | FileSource | StreamSource;

/** Compute-on-miss for online reads: called for entities with nothing stored; the result is cached. */
export interface ReadThrough<S extends FeatureSchema = FeatureSchema> {
  compute(entity: Readonly<Record<string, string | number | boolean | null>>): Promise<Partial<RowOf<S>> | null> | Partial<RowOf<S>> | null;
  /** How long a computed value stays valid (ms); it is stored with event time = compute time. */
  cacheTtlMs: number;
}

/** Typed features of some entities, read from one source, valid for `ttlMs` after their event time. */
export interface FeatureView<S extends FeatureSchema = FeatureSchema> {
  readonly kind: 'featureView';
  readonly name: string;
  readonly entities: readonly Entity[];
  readonly source: Source;
  /** Maximum age of a value (ms); null: values never expire. */
  readonly ttlMs: number | null;
  readonly features: S;
  readonly description?: string;
  readonly readThrough?: ReadThrough<S>;
  /** A subset of this view's features, for a feature service. */
  select<K extends keyof S & string>(...names: K[]): FeatureSelection;
}

/** Some features of one view. */
export interface FeatureSelection {
  readonly kind: 'featureSelection';
  readonly view: FeatureView;
  readonly features: readonly string[];
}

/** Inputs of an on-demand feature: request data (given at query time) and views whose features it reads. */
export interface OnDemandInputs<R extends FeatureSchema, V extends readonly FeatureView[]> {
  readonly request?: R;
  readonly views?: V;
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
/** The features of every view in `V`, as one schema. */
export type SchemaOfViews<V extends readonly FeatureView[]> = UnionToIntersection<V[number] extends FeatureView<infer S> ? S : never> extends infer S extends FeatureSchema ? S : FeatureSchema;

/** What an on-demand function receives: request values and the views' feature values, all nullable. */
export type OnDemandInput<R extends FeatureSchema, V extends readonly FeatureView[]> = RowOf<R> & RowOf<SchemaOfViews<V>>;

/**
 * A feature computed by a TypeScript function of request data and other features. The same
 * function runs per row when building training sets and per entity when serving.
 */
export interface OnDemandFeature<O extends FeatureSchema = FeatureSchema> {
  readonly kind: 'onDemandFeature';
  readonly name: string;
  readonly request: FeatureSchema;
  readonly views: readonly FeatureView[];
  readonly outputs: O;
  readonly fn: (input: Readonly<Record<string, string | number | boolean | null>>) => Partial<RowOf<O>>;
}

/** One entry of a feature service. */
export type ServiceEntry = FeatureView | FeatureSelection | OnDemandFeature;

/** The named set of features a model consumes. */
export interface FeatureService {
  readonly kind: 'featureService';
  readonly name: string;
  readonly features: readonly ServiceEntry[];
  readonly description?: string;
}

/** Any definition object. */
export type FeatureDefinition = Entity | FeatureView | OnDemandFeature | FeatureService;
