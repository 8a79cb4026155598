// Builds the front end (web/ → dist/web) with vite, unless dist/web is newer than every source:
// the root build runs this on every `npm test`, and an unchanged dashboard costs nothing then.
// `--force` always builds. A build type-checks web/ first (vite only strips types).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const out = path.join(pkg, 'dist/web/index.html');
const sources = [path.join(pkg, 'web'), path.join(pkg, 'vite.config.mjs'), path.join(pkg, 'package.json')];

function newest(p) {
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(p).map((f) => newest(path.join(p, f))));
}

const force = process.argv.includes('--force');
if (!force && existsSync(out) && statSync(out).mtimeMs > Math.max(...sources.map(newest))) {
  console.log('@mlops/ui: dist/web is up to date');
  process.exit(0);
}
const require = createRequire(import.meta.url);
const started = Date.now();
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(pkg, 'web/tsconfig.json')], { stdio: 'inherit' });
const { build } = await import('vite');
await build({ configFile: path.join(pkg, 'vite.config.mjs') });
console.log(`@mlops/ui: built dist/web in ${((Date.now() - started) / 1000).toFixed(1)} s`);
