#!/usr/bin/env node
// What a streamed put without the spool would cost on moto (issue 16, direction 1): a stream of
// unknown length can only go up as a multipart upload (every part but the last buffered in memory,
// its length known), to a staging key, since the content key (its sha256) is known only at the end.
// It then becomes visible under the content key by a server-side copy, or through a small manifest
// object at the content key. Lines, alternating order per round, one moto_server started here:
//   single      PutObject of the bytes with ContentLength (what bench-s3.mjs's raw put_stream line does)
//   multipart   CreateMultipartUpload + UploadPart (--part-mib, --concurrency at once) + Complete:
//               the least a staged streamed upload must send, whatever makes it visible afterwards
//   mp_crc32    the same with ChecksumAlgorithm CRC32, ChecksumType COMPOSITE (part CRCs by zlib)
//   copy        CopyObject of the stored 256 MB object to another key (the "copy" way to make it visible)
//   store       S3ArtifactStore.put(1 MiB chunks), the spool (one PutObject from the spool file)
//   store_mp    the same with the store's default threshold (16 MiB): spool, then a multipart upload
//   tmp_copy    a stream of known length sent as one PutObject to a staging key, then CopyObject to
//               another key (metadata replaced), then DeleteObject of the staging key
// --moto-hugepages starts moto on transparent huge pages (its fast mode, see bench-s3.mjs).
// Medians of wall seconds and client CPU seconds. Needs `npx tsc -b plugins/storage-s3 packages/testkit`.
// Options: --rounds 3 --mb 256 --part-mib 16 --concurrency 4 --only single,multipart
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import { loadBuilt, median, numberOption, repoRoot } from '../lib/common.mjs';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const rounds = numberOption('rounds', 3);
const size = numberOption('mb', 256) * 1e6;
const mib = 1024 * 1024;
const partSize = numberOption('part-mib', 16) * mib;
const concurrency = numberOption('concurrency', 4);
const { createS3Client, S3ArtifactStore } = loadBuilt('plugins/storage-s3');
const { startMotoServer } = loadBuilt('packages/testkit');
const sdk = createRequire(join(repoRoot, 'plugins/storage-s3/package.json'))('@aws-sdk/client-s3');

const moto = await startMotoServer(process.argv.includes('--moto-hugepages') ? { env: { GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1' } } : {});
const client = createS3Client({ endpoint: moto.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' }, maxAttempts: 3, connectTimeoutMs: 3000, maxSockets: concurrency + 4 });
const Bucket = 'mlops-bench-stage';
await client.send(new sdk.CreateBucketCommand({ Bucket }));
const spoolDir = mkdtempSync(join(tmpdir(), 'bench-s3-stage-'));
const store = new S3ArtifactStore({ client, bucket: Bucket, prefix: 's/', endpointLabel: moto.endpoint, spoolDir, multipartThresholdBytes: 2 ** 30, partSizeBytes: partSize, concurrency, staleUploadMs: 3_600_000 });
const storeMp = new S3ArtifactStore({ client, bucket: Bucket, prefix: 'm/', endpointLabel: moto.endpoint, spoolDir, multipartThresholdBytes: 16 * mib, partSizeBytes: partSize, concurrency, staleUploadMs: 3_600_000 });
const content = randomBytes(size);
async function* chunks() {
  for (let at = 0; at < size; at += mib) yield content.subarray(at, Math.min(size, at + mib));
}
const source = 'stage/source';
await client.send(new sdk.PutObjectCommand({ Bucket, Key: source, Body: content }));

const multipart = async (withCrc) => {
  const Key = 'stage/mp';
  const extra = withCrc ? { ChecksumAlgorithm: 'CRC32', ChecksumType: 'COMPOSITE' } : {};
  const { UploadId } = await client.send(new sdk.CreateMultipartUploadCommand({ Bucket, Key, ...extra }));
  const count = Math.ceil(size / partSize);
  const parts = new Array(count);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const Body = content.subarray(i * partSize, Math.min(size, (i + 1) * partSize));
      const crc = withCrc ? { ChecksumAlgorithm: 'CRC32', ChecksumCRC32: Buffer.from(crc32(Body).toString(16).padStart(8, '0'), 'hex').toString('base64') } : {};
      const answer = await client.send(new sdk.UploadPartCommand({ Bucket, Key, UploadId, PartNumber: i + 1, Body, ...crc }));
      parts[i] = { PartNumber: i + 1, ETag: answer.ETag, ...(withCrc ? { ChecksumCRC32: answer.ChecksumCRC32 } : {}) };
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  await client.send(new sdk.CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: parts } }));
};
let stored;
const lines = {
  single: () => client.send(new sdk.PutObjectCommand({ Bucket, Key: 'stage/single', Body: content, ContentLength: size })),
  multipart: () => multipart(false),
  mp_crc32: () => multipart(true),
  copy: () => client.send(new sdk.CopyObjectCommand({ Bucket, Key: 'stage/copy', CopySource: `${Bucket}/${source}` })),
  store: async () => {
    stored = await store.put(chunks());
  },
  store_mp: async () => {
    stored = await storeMp.put(chunks());
  },
  tmp_copy: async () => {
    await client.send(new sdk.PutObjectCommand({ Bucket, Key: 'stage/tmp', Body: Readable.from(chunks()), ContentLength: size }));
    await client.send(new sdk.CopyObjectCommand({ Bucket, Key: 'stage/final', CopySource: `${Bucket}/stage/tmp`, MetadataDirective: 'REPLACE', Metadata: { 'mlops-crc32': '00000000' }, IfNoneMatch: '*' }));
    await client.send(new sdk.DeleteObjectCommand({ Bucket, Key: 'stage/tmp' }));
  },
};
const cleanup = {
  store: async () => {
    if (stored) await store.delete(stored.digest);
  },
  store_mp: async () => {
    if (stored) await storeMp.delete(stored.digest);
  },
  tmp_copy: () => client.send(new sdk.DeleteObjectCommand({ Bucket, Key: 'stage/final' })),
};
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1].split(',') : Object.keys(lines);
const runs = Object.fromEntries(only.map((name) => [name, []]));
const load0 = loadavg()[0];
for (let round = 0; round < rounds; round++) {
  for (const name of round % 2 ? [...only].reverse() : only) {
    await cleanup[name]?.();
    const [t, cpu] = [process.hrtime.bigint(), process.cpuUsage()];
    await lines[name]();
    const used = process.cpuUsage(cpu);
    runs[name].push({ wall: Number(process.hrtime.bigint() - t) / 1e9, cpu: (used.user + used.system) / 1e6 });
  }
}
console.log(`${size / 1e6} MB, ${rounds} rounds, parts ${partSize / mib} MiB x ${concurrency}, load ${load0.toFixed(1)} -> ${loadavg()[0].toFixed(1)}`);
console.log('line       wall s  single/line  client CPU s  walls');
const single = only.includes('single') ? median(runs.single.map((r) => r.wall)) : NaN;
for (const name of only) {
  const wall = median(runs[name].map((r) => r.wall));
  console.log(`${name.padEnd(10)} ${wall.toFixed(3).padEnd(7)} ${(single / wall).toFixed(2).padEnd(12)} ${median(runs[name].map((r) => r.cpu)).toFixed(3).padEnd(13)} ${runs[name].map((r) => r.wall.toFixed(2)).join(' ')}`);
}
await store.close();
await storeMp.close();
await moto.stop();
rmSync(spoolDir, { recursive: true, force: true });
