import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  UploadPartCommand,
  type CompletedPart,
  type S3Client,
} from '@aws-sdk/client-s3';
import { crc32 } from './crc32';
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
  /** Each part's CRC32, when the caller computed them already (else computed here, part by part). */
  partCrcs?: readonly number[];
  /** Called once a part's request settled: its buffer may be reused for another part. */
  release?(bytes: Uint8Array): void;
  /**
   * Whether the object is stored already (a HEAD sent together with CreateMultipartUpload): when it
   * resolves true, the new upload is aborted before any part is sent.
   */
  stored?: Promise<boolean>;
}

/** A part's CRC32 as S3 wants it in `x-amz-checksum-crc32`: the 4 bytes big-endian, in base64. */
function partChecksum(crc: number): string {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(crc);
  return bytes.toString('base64');
}

/**
 * Uploads parts `concurrency` at a time, then completes with `If-None-Match: *`. Each part carries
 * its CRC32 (`ChecksumAlgorithm: CRC32`: a composite checksum, S3's default type for it), so the
 * server rejects a part damaged in transit (the parts are not signed), and moto skips the
 * full-object checksum it computes at completion otherwise (a raw multipart upload of 256 MB took
 * 12-18% less time there: BENCHMARKS.md, session 10). Until completion the object does not exist
 * for readers, so a writer killed mid-way leaves no partial blob (only an unfinished upload, which
 * `start()` aborts once stale). Returns false when the key already existed
 * (`stored` said so, or another writer of the same content won), true when this upload created it.
 */
export async function uploadMultipart(job: MultipartJob): Promise<boolean> {
  const { client, bucket, key } = job;
  const created = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, Metadata: job.metadata, ChecksumAlgorithm: 'CRC32' }));
  const uploadId = created.UploadId!;
  try {
    if (job.stored && (await job.stored)) {
      await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId })).catch(() => undefined);
      return false;
    }
    const count = Math.max(1, Math.ceil(job.size / job.partSize));
    const parts: CompletedPart[] = new Array(count);
    let next = 0;
    const worker = async () => {
      for (let index = next++; index < count; index = next++) {
        const start = index * job.partSize;
        const end = Math.min(job.size, start + job.partSize);
        const body = await job.readRange(start, end);
        try {
          const checksum = partChecksum(job.partCrcs?.[index] ?? crc32(body));
          const part = { Bucket: bucket, Key: key, UploadId: uploadId, PartNumber: index + 1, ContentLength: end - start, Body: body, ChecksumAlgorithm: 'CRC32' as const, ChecksumCRC32: checksum };
          const answer = await client.send(withPayloadHash(new UploadPartCommand(part), unsignedPayload));
          parts[index] = { PartNumber: index + 1, ETag: answer.ETag, ChecksumCRC32: checksum };
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
