#!/usr/bin/env node
// Runs every cross-check under tools/crosscheck (or those matching the arguments). Each compares our
// results with the Python library we replace (Debian's python3-pandas, -scipy, -sklearn, -onnx, -optuna) and
// exits non-zero on a mismatch.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
// The Python side comes from Debian's packages; install whatever is missing first.
const peers = spawnSync('bash', [path.join(dir, '..', 'install-python-peers.sh')], { stdio: 'inherit' });
if (peers.status !== 0) process.exit(peers.status ?? 1);
const wanted = process.argv.slice(2);
const checks = readdirSync(dir)
  .filter((d) => statSync(path.join(dir, d)).isDirectory())
  .flatMap((d) => readdirSync(path.join(dir, d)).filter((f) => /^crosscheck-.*\.mjs$/.test(f)).map((f) => path.join(dir, d, f)))
  .filter((f) => !wanted.length || wanted.some((w) => f.includes(w)));
let failed = 0;
for (const file of checks) {
  console.log(`\n=== ${path.relative(dir, file)}`);
  if (spawnSync(process.execPath, [file], { stdio: 'inherit' }).status !== 0) failed++;
}
console.log(`\n${checks.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
