#!/usr/bin/env node
// Runs every benchmark under tools/bench (or the ones named on the command line) one after another.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
// The Python side comes from Debian's packages; install whatever is missing first.
const peers = spawnSync('bash', [path.join(dir, '..', 'install-python-peers.sh')], { stdio: 'inherit' });
if (peers.status !== 0) process.exit(peers.status ?? 1);
const wanted = process.argv.slice(2);
const benches = readdirSync(dir)
  .filter((d) => statSync(path.join(dir, d)).isDirectory() && !['data', 'results'].includes(d))
  .flatMap((d) => readdirSync(path.join(dir, d)).filter((f) => /^bench-.*\.mjs$/.test(f)).map((f) => path.join(dir, d, f)))
  .filter((f) => !wanted.length || wanted.some((w) => f.includes(w)));
let failed = 0;
for (const file of benches) {
  console.log(`\n=== ${path.relative(dir, file)}`);
  const r = spawnSync(process.execPath, [file], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
