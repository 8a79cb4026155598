#!/usr/bin/env node
// Where the verified read's time goes: one 256 MB object on a moto_server started here (stopped by its
// PID), drained in alternating rounds as
//   raw        GetObject, body drained with for await (the bench-s3.mjs `read` raw line)
//   raw_hash   the same, sha256 of each chunk on the main thread
//   s_inline   S3ArtifactStore.read, verifyReads 'sha256', hashThread: false (sha256 inline, the store before session 9)
//   s_thread   S3ArtifactStore.read, verifyReads 'sha256' (sha256 on the hash thread from 8 MiB, the store of session 9)
//   s_crc32    S3ArtifactStore.read with its defaults (the CRC32 recorded at upload, checked inline; session 10)
//   raw_crc32  GetObject, zlib.crc32 of each chunk on the main thread
//   hash_only  sha256 of the same bytes from memory in 64 KiB pieces (no transfer)
//   s_old      with --old DIST (the dist/ folder of another build of plugins/storage-s3, e.g. main's
//              in a second worktree): that build's S3ArtifactStore.read with its defaults, on the same
//              client, so old and new code alternate in one process and one moto
// Per line, medians of: wall s; client CPU s (process.cpuUsage, all threads); main-thread CPU s
// (/proc/self/task/<pid>/schedstat); moto CPU s (/proc/<pid>/stat, 10 ms ticks). On a loaded machine
// the CPU columns are the stable ones. Needs `npx tsc -b plugins/storage-s3 packages/testkit`; Linux.
// With --count-promises, one more read per line after the timed rounds, not timed, counts the promises
// created during it (async_hooks PROMISE inits: each await, async-generator step and new Promise) and
// the chunks it yielded: the per-chunk JS hops, a figure that no load on the machine changes.
// --moto-hugepages starts moto with GLIBC_TUNABLES=glibc.malloc.hugetlb=1, which keeps it in its fast
// mode (see bench-s3.mjs).
// Options: --rounds 7 --mb 256 --only raw,s_thread --old ../main/plugins/storage-s3/dist --count-promises
import { createHook } from 'node:async_hooks';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { crc32 } from 'node:zlib';
import { join, resolve } from 'node:path';
import { loadBuilt, median, numberOption, repoRoot } from '../lib/common.mjs';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const rounds = numberOption('rounds', 7);
const size = numberOption('mb', 256) * 1e6;
const { createS3Client, S3ArtifactStore } = loadBuilt('plugins/storage-s3');
const { startMotoServer } = loadBuilt('packages/testkit');
const sdk = createRequire(join(repoRoot, 'plugins/storage-s3/package.json'))('@aws-sdk/client-s3');

const mainCpu = () => Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e9;
const moto = await startMotoServer(process.argv.includes('--moto-hugepages') ? { env: { GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1' } } : {});
const motoCpu = () => {
  const fields = readFileSync(`/proc/${moto.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};
const client = createS3Client({ endpoint: moto.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' }, maxAttempts: 3, connectTimeoutMs: 3000, maxSockets: 8 });
const Bucket = 'mlops-bench-read';
await client.send(new sdk.CreateBucketCommand({ Bucket }));
const storeWith = (hashThread, verifyReads) => new S3ArtifactStore({ client, bucket: Bucket, prefix: 'b/', endpointLabel: moto.endpoint, spoolDir: tmpdir(), multipartThresholdBytes: 2 ** 30, partSizeBytes: 16 * 2 ** 20, concurrency: 4, staleUploadMs: 3_600_000, hashThread, verifyReads });
const inline = storeWith(false, 'sha256');
const threaded = storeWith(undefined, 'sha256');
const crcStore = storeWith(undefined, undefined);
const oldDist = process.argv.includes('--old') ? process.argv[process.argv.indexOf('--old') + 1] : undefined;
const oldStore = oldDist && new (createRequire(import.meta.url)(resolve(oldDist, 'index.js')).S3ArtifactStore)({ ...crcStore.options });
const content = randomBytes(size);
const { digest } = await inline.put(content);
const Key = `b/sha256/${digest.slice(7, 9)}/${digest.slice(9)}`;
const body = async () => (await client.send(new sdk.GetObjectCommand({ Bucket, Key }))).Body;
// A short read would look fast: every drained body must hold the whole blob.
let chunksSeen = 0;
const drain = async (stream) => {
  let n = 0;
  for await (const chunk of stream) {
    n += chunk.length;
    chunksSeen++;
  }
  if (n !== content.length) throw new Error(`bench-s3-read-hash: read ${n} bytes, expected ${content.length}`);
};

const lines = {
  raw: async () => drain(await body()),
  raw_hash: async () => {
    const hash = createHash('sha256');
    for await (const chunk of await body()) hash.update(chunk);
    hash.digest();
  },
  s_inline: () => drain(inline.read(digest)),
  s_thread: () => drain(threaded.read(digest)),
  s_crc32: () => drain(crcStore.read(digest)),
  ...(oldStore ? { s_old: () => drain(oldStore.read(digest)) } : {}),
  raw_crc32: async () => {
    let crc = 0;
    for await (const chunk of await body()) crc = crc32(chunk, crc);
  },
  hash_only: async () => {
    const hash = createHash('sha256');
    for (let at = 0; at < size; at += 65536) hash.update(content.subarray(at, at + 65536));
    hash.digest();
  },
};
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1].split(',') : Object.keys(lines);
await drain(threaded.read(digest)); // warm-up: sockets, the hash thread
const runs = Object.fromEntries(only.map((name) => [name, []]));
const load0 = loadavg()[0];
for (let round = 0; round < rounds; round++) {
  for (const name of round % 2 ? [...only].reverse() : only) {
    const [t, cpu, main, motoStart] = [process.hrtime.bigint(), process.cpuUsage(), mainCpu(), motoCpu()];
    await lines[name]();
    const used = process.cpuUsage(cpu);
    runs[name].push({ wall: Number(process.hrtime.bigint() - t) / 1e9, cpu: (used.user + used.system) / 1e6, main: mainCpu() - main, moto: motoCpu() - motoStart });
  }
}
console.log(`${size / 1e6} MB, ${rounds} rounds, load ${load0.toFixed(1)} -> ${loadavg()[0].toFixed(1)}`);
console.log('line       wall s  client CPU s  main-thread CPU s  moto CPU s  walls');
for (const name of only) {
  const m = (what) => median(runs[name].map((r) => r[what]));
  // Small objects: one more digit (a 1 MB read takes a few ms).
  const d = size < 16e6 ? 4 : 3;
  const walls = rounds > 31 ? '' : runs[name].map((r) => r.wall.toFixed(d - 1)).join(' ');
  console.log(`${name.padEnd(10)} ${m('wall').toFixed(d).padEnd(7)} ${m('cpu').toFixed(d).padEnd(13)} ${m('main').toFixed(d).padEnd(18)} ${m('moto').toFixed(2).padEnd(11)} ${walls}`);
}
if (process.argv.includes('--count-promises')) {
  let promises = 0;
  const hook = createHook({ init: (_id, type) => void (type === 'PROMISE' && promises++) });
  console.log('line       promises per read  chunks  promises per chunk   (one untimed read each; raw_hash/raw_crc32/hash_only do not count chunks)');
  for (const name of only) {
    [promises, chunksSeen] = [0, 0];
    hook.enable();
    await lines[name]();
    hook.disable();
    console.log(`${name.padEnd(10)} ${String(promises).padEnd(18)} ${String(chunksSeen).padEnd(7)} ${chunksSeen ? (promises / chunksSeen).toFixed(2) : '-'}`);
  }
}
await threaded.close();
await inline.close();
await crcStore.close();
if (oldStore) await oldStore.close();
await moto.stop();
