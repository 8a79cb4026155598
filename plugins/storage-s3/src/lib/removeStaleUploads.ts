import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AbortMultipartUploadCommand, ListMultipartUploadsCommand, type S3Client } from '@aws-sdk/client-s3';

/**
 * Aborts multipart uploads under `prefix` started more than `maxAgeMs` ago: leftovers of writers that
 * were killed (they are invisible to readers, but S3 bills their parts until aborted). Age decides,
 * since several hosts may share the bucket and a live writer's upload is young. Returns the keys.
 */
export async function abortStaleUploads(client: S3Client, bucket: string, prefix: string, maxAgeMs: number, now = Date.now()): Promise<string[]> {
  const aborted: string[] = [];
  let keyMarker: string | undefined;
  let uploadIdMarker: string | undefined;
  do {
    const page = await client.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: prefix, KeyMarker: keyMarker, UploadIdMarker: uploadIdMarker }));
    for (const upload of page.Uploads ?? []) {
      if (!upload.Key || !upload.UploadId || !upload.Initiated || now - upload.Initiated.getTime() < maxAgeMs) continue;
      await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: upload.Key, UploadId: upload.UploadId }));
      aborted.push(upload.Key);
    }
    const more = page.IsTruncated === true;
    keyMarker = more ? page.NextKeyMarker : undefined;
    uploadIdMarker = more ? page.NextUploadIdMarker : undefined;
  } while (keyMarker);
  return aborted;
}

/** Deletes spool files not modified for `maxAgeMs` (from killed writers); returns their names. */
export async function removeStaleSpoolFiles(spoolDir: string, maxAgeMs: number, now = Date.now()): Promise<string[]> {
  const names = await readdir(spoolDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  const removed: string[] = [];
  for (const name of names) {
    const file = join(spoolDir, name);
    const info = await stat(file).catch(() => undefined);
    if (!info || now - info.mtimeMs < maxAgeMs) continue;
    await rm(file, { force: true });
    removed.push(name);
  }
  return removed;
}
