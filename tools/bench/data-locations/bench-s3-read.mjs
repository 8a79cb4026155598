#!/usr/bin/env node
// readCsv of an s3:// object (through @mlops/storage-s3's data-location handler)
// against the raw path an application would take without it: GetObject with the raw SDK, the body
// streamed to a local file, then readCsv of that file. Same moto_server, same client
// settings, same bytes. Ratio = raw time / s3:// time (> 1: reading the URI directly is faster).
// Each round runs both lines, order alternating; medians of --rounds (default 3).
// Needs `npx tsc -b plugins/storage-s3 packages/testkit packages/frame`.
// Options: --rounds 3 --rows 1000000 (CSV rows, about 45 MB)
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { loadBuilt, machine, median, numberOption, repoRoot, secondsSince } from '../lib/common.mjs';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const rounds = numberOption('rounds', 3);
const rows = numberOption('rows', 1_000_000);

const { registerS3DataLocations, s3LocationOptions, createS3Client } = loadBuilt('plugins/storage-s3');
const { readCsv } = loadBuilt('packages/frame');
const { startMotoServer } = loadBuilt('packages/testkit');
const sdk = createRequire(join(repoRoot, 'plugins/storage-s3/package.json'))('@aws-sdk/client-s3');

const load0 = loadavg()[0];
const moto = await startMotoServer();
const dir = mkdtempSync(join(tmpdir(), 'bench-s3-read-'));
const credentials = { accessKeyId: 'bench', secretAccessKey: 'bench' };
const client = createS3Client({ endpoint: moto.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { ...credentials }, maxAttempts: 3, connectTimeoutMs: 3000, maxSockets: 16 });
const handler = registerS3DataLocations(s3LocationOptions.parse({ endpoint: moto.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { ...credentials } }));
const bucket = 'mlops-bench-read';
await client.send(new sdk.CreateBucketCommand({ Bucket: bucket }));

// A CSV like the example's data: ids, floats, a category, a timestamp.
const lines = ['id,amount,score,city,ts'];
for (let i = 0; i < rows; i++) lines.push(`${i},${(i * 0.37) % 1000},${Math.sin(i).toFixed(6)},${['oslo', 'lima', 'pune', 'kobe'][i % 4]},${1_700_000_000_000 + i * 1000}`);
const csv = Buffer.from(`${lines.join('\n')}\n`);
await client.send(new sdk.PutObjectCommand({ Bucket: bucket, Key: 'bench/data.csv', Body: csv, ContentLength: csv.length }));

async function rawRead(key, file, read) {
  const answer = await client.send(new sdk.GetObjectCommand({ Bucket: bucket, Key: key }));
  await pipeline(answer.Body, createWriteStream(file));
  const frame = await read(file);
  rmSync(file, { force: true });
  return frame;
}

const lineDefs = {
  csv: { uri: () => readCsv(`s3://${bucket}/bench/data.csv`).then((r) => r.frame), raw: () => rawRead('bench/data.csv', join(dir, 'data.csv'), (f) => readCsv(f).then((r) => r.frame)) },
};
const times = { 'csv:uri': [], 'csv:raw': [] };
let checkRows;
for (let round = 0; round < rounds; round++) {
  for (const [name, line] of Object.entries(lineDefs)) {
    for (const who of round % 2 ? ['raw', 'uri'] : ['uri', 'raw']) {
      const t0 = process.hrtime.bigint();
      const frame = await line[who]();
      times[`${name}:${who}`].push(secondsSince(t0));
      checkRows = frame.rowCount;
      if (checkRows !== rows) throw new Error(`read ${checkRows} rows, expected ${rows}`);
    }
  }
}
const load1 = loadavg()[0];
await handler.close();
client.destroy();
await moto.stop();
rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify({ machine: machine(), load: { before: load0, after: load1 }, rounds, rows, csvMB: +(csv.length / 1e6).toFixed(1) }));
for (const name of Object.keys(lineDefs)) {
  const uri = median(times[`${name}:uri`]);
  const raw = median(times[`${name}:raw`]);
  console.log(`${name}: s3:// ${uri.toFixed(3)} s (runs ${times[`${name}:uri`].map((t) => t.toFixed(3)).join(' ')}), raw GetObject→file→read ${raw.toFixed(3)} s (runs ${times[`${name}:raw`].map((t) => t.toFixed(3)).join(' ')}), ratio raw/s3:// ${(raw / uri).toFixed(2)}`);
}
