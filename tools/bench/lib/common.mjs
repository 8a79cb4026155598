// Helpers shared by the benchmark scripts: command-line numbers, medians, timing, the machine, and
// loading a built package (benchmarks measure dist/, what users run).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const python = '/usr/bin/python3';

/** `--name 123` from argv as a number, or the fallback. */
export function numberOption(name, fallback, args = process.argv.slice(2)) {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(args[i + 1]);
}

/** `--name TEXT` from argv, or undefined when the flag is absent; a flag given without a value is an error naming it. */
export function stringOption(name, args = process.argv.slice(2)) {
  const i = args.indexOf(`--${name}`);
  if (i === -1) return undefined;
  const value = args[i + 1];
  // A value may start with `--` itself (node options such as --max-semi-space-size=64).
  if (value === undefined) throw new Error(`--${name}: expected a value after the flag, found nothing`);
  return value;
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Seconds since a `process.hrtime.bigint()` reading. */
export const secondsSince = (t0) => Number(process.hrtime.bigint() - t0) / 1e9;

/** Cores, CPU model and Node version, for the record next to every figure. */
export function machine() {
  const nproc = execFileSync('nproc', { encoding: 'utf8' }).trim();
  const model = readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m)?.[1] ?? cpus()[0]?.model ?? 'unknown';
  return { nproc: Number(nproc), cpu: model, node: process.version };
}

/** The built entry of `packages/<name>` or `plugins/<name>`, with a clear error when not built. */
export function loadBuilt(folder) {
  const dist = join(repoRoot, folder, 'dist', 'index.js');
  if (!existsSync(dist)) throw new Error(`${dist} is missing: run \`npx tsc -b ${folder}\` first`);
  return createRequire(import.meta.url)(dist);
}
