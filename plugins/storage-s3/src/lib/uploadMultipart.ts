import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  UploadPartCommand,
  type CompletedPart,
  type S3Client,
} from '@aws-sdk/client-s3';
import { s3ErrorCode } from './s3Errors';
import { unsignedPayload, withPayloadHash } from './withPayloadHash';

/** One multipart upload to a key whose name (the digest) is already known. */
export interface MultipartJob {
  client: S3Client;
  bucket: string;
  key: string;
  size: number;
  partSize: number;
  concurrency: number;
  /** User metadata of the object (`x-amz-meta-*`), set when the upload is created. */
  metadata?: Record<string, string>;
  /**
   * Bytes [start, end) as a buffer: a buffer (unlike a stream) can be re-sent when the SDK retries a
   * part, and at most `concurrency` parts are held at once.
   */
  readRange(start: number, end: number): Promise<Uint8Array> | Uint8Array;
  /** Called once a part's request settled: its buffer may be reused for another part. */
  release?(bytes: Uint8Array): void;
}

/**
 * Uploads parts `concurrency` at a time, then completes with `If-None-Match: *`. Until completion the
 * object does not exist for readers, so a writer killed mid-way leaves no partial blob (only an
 * unfinished upload, which `start()` aborts once stale). Returns false when the key already existed
 * (another writer of the same content won), true when this upload created it.
 */
export async function uploadMultipart(job: MultipartJob): Promise<boolean> {
  const { client, bucket, key } = job;
  const created = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, Metadata: job.metadata }));
  const uploadId = created.UploadId!;
  try {
    const count = Math.max(1, Math.ceil(job.size / job.partSize));
    const parts: CompletedPart[] = new Array(count);
    let next = 0;
    const worker = async () => {
      for (let index = next++; index < count; index = next++) {
        const start = index * job.partSize;
        const end = Math.min(job.size, start + job.partSize);
        const body = await job.readRange(start, end);
        try {
          const command = new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumber: index + 1, ContentLength: end - start, Body: body });
          const answer = await client.send(withPayloadHash(command, unsignedPayload));
          parts[index] = { PartNumber: index + 1, ETag: answer.ETag };
        } finally {
          job.release?.(body);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(job.concurrency, count) }, worker));
    await client.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId, IfNoneMatch: '*', MultipartUpload: { Parts: parts } }));
    return true;
  } catch (error) {
    await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId })).catch(() => undefined);
    if (s3ErrorCode(error) === 'PreconditionFailed') return false;
    throw error;
  }
}
