import { isMlopsError, StorageError } from '@mlops/core';
import { s3Messages, type S3Place } from './messages';

/** What the SDK puts on its errors (service errors and network errors alike). */
interface SdkErrorShape {
  name?: string;
  code?: string;
  message?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
}

const networkCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'TimeoutError']);
const credentialCodes = new Set(['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'InvalidToken', 'ExpiredToken', 'AccessDenied', 'CredentialsProviderError']);

function shape(error: unknown): SdkErrorShape {
  return typeof error === 'object' && error !== null ? (error as SdkErrorShape) : { message: String(error) };
}

/** The S3 error code (`NoSuchKey`, `PreconditionFailed`, …) or Node's network code, if any. */
export function s3ErrorCode(error: unknown): string | undefined {
  const e = shape(error);
  return e.Code ?? (e.code && networkCodes.has(e.code) ? e.code : undefined) ?? networkCodeIn(e.message) ?? e.name;
}

// The SDK re-wraps a network error from another realm (jest's sandbox, a worker) as "AWS SDK error
// wrapper for Error: connect ECONNREFUSED …", keeping only the text; the code is read back from it.
function networkCodeIn(message: string | undefined): string | undefined {
  const found = message ? /\b(E[A-Z_]{4,})\b/.exec(message)?.[1] : undefined;
  return found && networkCodes.has(found) ? found : undefined;
}

/** HTTP status of a service error, if the request got an answer. */
export function s3Status(error: unknown): number | undefined {
  return shape(error).$metadata?.httpStatusCode;
}

/** True for "the key does not exist" (GetObject says NoSuchKey, HeadObject only 404). */
export function isNotFound(error: unknown): boolean {
  const code = s3ErrorCode(error);
  return code === 'NoSuchKey' || code === 'NotFound' || (s3Status(error) === 404 && code !== 'NoSuchBucket');
}

/**
 * Turns an SDK failure into a `StorageError` that names the endpoint and bucket and says what to fix;
 * errors that are already ours, or thrown by the caller's stream, pass through unchanged.
 * `bucketRequest`: the request was about the bucket itself (HeadBucket), so 404 means no bucket.
 */
export function wrapS3Error(place: S3Place, op: string, error: unknown, bucketRequest = false): Error {
  if (isMlopsError(error)) return error;
  const e = shape(error);
  const code = s3ErrorCode(error);
  const isSdk = e.$metadata !== undefined || (code !== undefined && networkCodes.has(code));
  if (!isSdk) return error as Error;
  const status = s3Status(error);
  const text = e.message?.replace(/^AWS SDK error wrapper for (Error: )?/, '').replace(/\.+$/, '');
  // An error answer to a HEAD has no body, so the SDK only knows the status ("Unknown: UnknownError").
  const bodiless = text === 'UnknownError';
  const why = bodiless ? `HTTP ${status}` : `${code ?? 'error'}${text && text !== code ? `: ${text}` : ''}`;
  let message: string;
  if (status === undefined) message = s3Messages.unreachable(place, op, why);
  else if ((code && credentialCodes.has(code)) || status === 403) message = s3Messages.credentials(place, op, why);
  // HeadBucket answers a bare 404 (a HEAD has no body to carry NoSuchBucket).
  else if (code === 'NoSuchBucket' || (bucketRequest && status === 404)) message = s3Messages.noBucket(place, op);
  else message = s3Messages.failed(place, op, bodiless ? why : `HTTP ${status} ${why}`);
  return new StorageError(message, { cause: error });
}
