import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { S3Client } from '@aws-sdk/client-s3';
import { DataLocationError, registerDataLocationHandler, type ByteRange, type DataLocationHandler, type LocationStat } from '@mlops/frame';
import { isNotFound, s3ErrorCode, s3Status } from '../lib/s3Errors';
import { unsignedPayload, withPayloadHash } from '../lib/withPayloadHash';
import { parseS3Uri } from './parseS3Uri';
import { s3LocationOptionsFromEnv, type S3LocationResolvedOptions } from './s3LocationOptions';

/** S3's limit for one PutObject. */
const maxSinglePut = 5 * 1024 ** 3;

/**
 * The `s3://bucket/key` handler behind every reader that takes a path (readCsv, readParquet, feature
 * sources, `mlops predict`). The AWS SDK is loaded on the first request, so registering it costs
 * nothing for commands that never touch a URI. Reads are streamed (ranged GETs for Parquet and CSV
 * sampling); every failure is a DataLocationError naming the URI and the endpoint.
 */
export class S3DataLocations implements DataLocationHandler {
  readonly scheme = 's3';
  private client: Promise<S3Client> | undefined;
  private unregister: (() => void) | undefined;
  private readonly endpointLabel: string;

  constructor(private readonly options: S3LocationResolvedOptions) {
    this.endpointLabel = options.endpoint ?? `AWS (${options.region ?? 'default region'})`;
  }

  /** Makes `s3://` URIs readable in this process (until `close`). */
  start(): void {
    this.unregister = registerDataLocationHandler(this);
  }

  async close(): Promise<void> {
    this.unregister?.();
    const client = this.client;
    this.client = undefined;
    if (client) (await client.catch(() => undefined))?.destroy();
  }

  async stat(uri: string): Promise<LocationStat> {
    const { bucket, key } = parseS3Uri(uri);
    const sdk = await import('@aws-sdk/client-s3');
    try {
      const head = await (await this.s3()).send(new sdk.HeadObjectCommand({ Bucket: bucket, Key: key }));
      return { size: head.ContentLength ?? 0, version: `etag:${head.ETag ?? head.LastModified?.getTime() ?? ''}` };
    } catch (error) {
      throw this.wrap(uri, 'stat', error);
    }
  }

  async read(uri: string, range?: ByteRange): Promise<AsyncIterable<Uint8Array>> {
    const { bucket, key } = parseS3Uri(uri);
    if (range && range.end !== undefined && range.end <= range.start) return empty();
    const sdk = await import('@aws-sdk/client-s3');
    const header = range ? `bytes=${range.start}-${range.end === undefined ? '' : range.end - 1}` : undefined;
    try {
      const answer = await (await this.s3()).send(new sdk.GetObjectCommand({ Bucket: bucket, Key: key, Range: header }));
      return guarded(answer.Body as AsyncIterable<Uint8Array>, (error) => this.wrap(uri, 'read', error));
    } catch (error) {
      // A range starting at or past the end of an object (an empty file's sample) has no bytes.
      if (s3ErrorCode(error) === 'InvalidRange') return empty();
      throw this.wrap(uri, 'read', error);
    }
  }

  async writeFile(uri: string, localPath: string): Promise<void> {
    const { bucket, key } = parseS3Uri(uri);
    const { size } = await stat(localPath);
    if (size > maxSinglePut) throw new DataLocationError(uri, `${uri}: ${localPath} is ${size} bytes, above S3's 5 GiB limit for one upload`, { badInput: true });
    const sdk = await import('@aws-sdk/client-s3');
    // One PutObject: S3 makes the object visible only when the whole body arrived, so readers never
    // see a partial file. The body is streamed from the file and left out of the signature (the
    // signer would otherwise read it all to hash it).
    const command = withPayloadHash(new sdk.PutObjectCommand({ Bucket: bucket, Key: key, Body: createReadStream(localPath), ContentLength: size }) as never, unsignedPayload);
    try {
      await (await this.s3()).send(command);
    } catch (error) {
      throw this.wrap(uri, 'write', error);
    }
  }

  private s3(): Promise<S3Client> {
    this.client ??= import('../lib/createS3Client').then(({ createS3Client }) =>
      // A copy of the credentials: the SDK writes its own bookkeeping into the object it is given.
      createS3Client({ ...this.options, credentials: this.options.credentials && { ...this.options.credentials }, region: this.options.region ?? process.env.AWS_REGION ?? 'us-east-1', maxSockets: 16 }),
    );
    return this.client;
  }

  private wrap(uri: string, op: string, error: unknown): Error {
    if (error instanceof DataLocationError) return error;
    const code = s3ErrorCode(error);
    const status = s3Status(error);
    const at = `at ${this.endpointLabel}`;
    const detail = (error as Error)?.message?.replace(/^AWS SDK error wrapper for (Error: )?/, '') || code || 'unknown error';
    let message: string;
    // A URI naming nothing is the caller's input being wrong, like a missing local file (CLI exit 2).
    const missing = code === 'NoSuchBucket' || isNotFound(error);
    if (code === 'NoSuchBucket') message = `${uri}: ${op} failed: the bucket does not exist ${at}`;
    else if (isNotFound(error)) message = `${uri}: ${op} failed: no such object ${at}`;
    else if (status === 403 || code === 'AccessDenied' || code === 'InvalidAccessKeyId' || code === 'SignatureDoesNotMatch') {
      // A refused HEAD has no body, so the SDK knows only the status (code "Unknown").
      message = `${uri}: ${op} failed: access denied ${at} (${code && code !== 'Unknown' ? code : `HTTP ${status}`}); check the credentials (config \`plugins.dataLocations.options.credentials\` or AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY) and the bucket policy`;
    } else if (status === undefined) message = `${uri}: ${op} failed: cannot reach ${this.endpointLabel} (${detail}); check the endpoint and that the server is running`;
    else message = `${uri}: ${op} failed ${at}: HTTP ${status} ${detail}`;
    return new DataLocationError(uri, message, { cause: error, badInput: missing });
  }
}

async function* empty(): AsyncIterable<Uint8Array> {}

/** Passes chunks through; an error mid-stream (a dropped connection) is rewritten to name the URI. */
async function* guarded(body: AsyncIterable<Uint8Array>, wrap: (error: unknown) => Error): AsyncIterable<Uint8Array> {
  try {
    yield* body;
  } catch (error) {
    throw wrap(error);
  }
}

/**
 * Registers the `s3://` handler in this process, for scripts that call readCsv / readParquet without
 * an mlops config. Options default to the standard AWS variables (see `s3LocationOptionsFromEnv`).
 * Returns the handler; `close()` unregisters it and releases its sockets.
 */
export function registerS3DataLocations(options: S3LocationResolvedOptions = s3LocationOptionsFromEnv()): S3DataLocations {
  const handler = new S3DataLocations(options);
  handler.start();
  return handler;
}
