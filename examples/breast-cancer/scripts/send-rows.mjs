#!/usr/bin/env node
// Sends the example's 569 rows to a running `mlops serve` as one /predict request, every measurement
// multiplied by --scale (3 makes the drifted traffic of the README's "Closing the loop"), --times times.
//   node scripts/send-rows.mjs http://127.0.0.1:8080 --scale 3 --times 2
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { scale: { type: 'string', default: '1' }, times: { type: 'string', default: '1' } } });
const [url] = positionals;
const scale = Number(values.scale);
const times = Number(values.times);
if (!url || !/^https?:\/\//.test(url) || !(scale > 0) || !Number.isInteger(times) || times < 1) {
  console.error('usage: send-rows.mjs URL [--scale K (a positive number)] [--times N (a whole number ≥ 1)]');
  process.exit(2);
}
const csv = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'data', 'breast_cancer.csv');
const [header, ...lines] = readFileSync(csv, 'utf8').trim().split('\n');
const names = header.split(',').slice(0, -1);
const rows = lines.map((line) => Object.fromEntries(line.split(',').slice(0, -1).map((v, i) => [names[i], Number(v) * scale])));
for (let i = 0; i < times; i++) {
  const res = await fetch(new URL('/predict', url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rows }) });
  if (!res.ok) {
    console.error(`POST ${url}/predict answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    process.exit(1);
  }
  await res.arrayBuffer();
}
console.log(`sent ${times} × ${rows.length} rows (measurements × ${scale}) to ${url}`);
