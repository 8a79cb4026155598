import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { StepDefinition } from './step';

const extensions = ['', '.ts', '.mts', '.cts', '.tsx', '.js', '.mjs', '.cjs', '.json', '/index.ts', '/index.mts', '/index.js', '/index.mjs'];
// import x from './a'; export * from "./b"; import('./c'); require('./d'); import './e'
const specifierPattern = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)(['"])([^'"\n]+)\1/g;

const fileCache = new Map<string, { mtimeMs: number; size: number; hash: string; locals: string[]; packages: string[] }>();

function scan(file: string) {
  // A file deleted since its importer was scanned: skipped, as a fresh scan would not resolve it.
  const st = statSync(file, { throwIfNoEntry: false });
  if (!st) return undefined;
  const cached = fileCache.get(file);
  if (cached && cached.mtimeMs === st.mtimeMs && cached.size === st.size) return cached;
  const text = readFileSync(file);
  const locals: string[] = [];
  const packages: string[] = [];
  if (!file.endsWith('.json')) {
    for (const m of text.toString('utf8').matchAll(specifierPattern)) {
      const spec = m[2];
      if (spec.startsWith('.') || spec.startsWith('/')) {
        const resolved = resolveLocal(path.resolve(path.dirname(file), spec));
        if (resolved) locals.push(resolved);
      } else if (!spec.startsWith('node:')) packages.push(packageName(spec));
    }
  }
  const entry = { mtimeMs: st.mtimeMs, size: st.size, hash: createHash('sha256').update(text).digest('hex'), locals, packages };
  fileCache.set(file, entry);
  return entry;
}

function resolveLocal(base: string): string | undefined {
  // TS sources import './x.js' meaning './x.ts'; try the literal path first, then the TS twin.
  const candidates = [base, base.replace(/\.(c|m)?js$/, '.$1ts')];
  for (const c of candidates) {
    for (const ext of extensions) {
      const f = c + ext;
      if (existsSync(f) && statSync(f).isFile()) return f;
    }
  }
  return undefined;
}

function packageName(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The `package.json` that `name` resolves to from `fromDir` (Node's node_modules walk), if any. */
function packageJsonOf(fromDir: string, name: string): string | undefined {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const pj = path.join(dir, 'node_modules', name, 'package.json');
    if (existsSync(pj)) return pj;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function versionIn(packageJson: string | undefined): string {
  if (!packageJson) return 'missing';
  try {
    return (JSON.parse(readFileSync(packageJson, 'utf8')) as { version?: string }).version ?? '?';
  } catch {
    return '?';
  }
}

function packageVersion(fromDir: string, name: string): string {
  return versionIn(packageJsonOf(fromDir, name));
}

/**
 * The local files a step's module imports (transitively), the package versions they import, and
 * every file read to find those (sources and `package.json`s), which {@link codeDigest} re-checks.
 */
function codeClosure(step: StepDefinition): { files: string[]; packages: Map<string, string>; read: string[] } {
  const seen = new Set<string>();
  const packages = new Map<string, string>();
  const read: string[] = [];
  if (!step.sourceFile || !existsSync(step.sourceFile)) return { files: [], packages, read: step.sourceFile ? [step.sourceFile] : [] };
  const queue = [step.sourceFile];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file) || file.includes(`${path.sep}node_modules${path.sep}`)) continue;
    const entry = scan(file);
    if (!entry) continue;
    seen.add(file);
    for (const p of entry.packages) {
      if (packages.has(p)) continue;
      const pj = packageJsonOf(path.dirname(file), p);
      if (pj) read.push(pj);
      packages.set(p, versionIn(pj));
    }
    queue.push(...entry.locals);
  }
  return { files: [...seen].sort(), packages, read: [...seen, ...read] };
}

/** Versions of the packages the steps' code imports, by name (what a tracked run records). */
export function importedPackages(steps: Iterable<StepDefinition>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const step of steps) for (const [name, version] of codeClosure(step).packages) out[name] = version;
  return out;
}

/** Version of package `name` as installed for `fromDir` (`missing` if not found). */
export { packageVersion };

/**
 * Digest of a step's code: its function source, the file that defines it, every local module that
 * file imports (transitively) and the versions of the packages they import. Editing a helper the step
 * uses changes the digest, so the cache never reuses outputs of stale code.
 */
export function codeDigest(step: StepDefinition): string {
  const hit = digests.get(step);
  if (hit && hit.run === step.run && hit.stamps.every(unchanged)) return hit.digest;
  const hash = createHash('sha256').update(step.run.toString());
  let stamps: Stamp[] = [];
  if (step.sourceFile) {
    const root = path.dirname(step.sourceFile);
    const { files, packages, read } = codeClosure(step);
    for (const file of files) hash.update(`\0${path.relative(root, file)}\0${scan(file)?.hash}`);
    for (const [name, version] of [...packages].sort()) hash.update(`\0pkg:${name}@${version}`);
    stamps = read.map(stampOf);
  }
  const digest = `sha256:${hash.digest('hex')}`;
  digests.set(step, { run: step.run, digest, stamps });
  return digest;
}

/** A file as last seen: its path, mtime and size (-1 and -1: it did not exist). */
type Stamp = readonly [file: string, mtimeMs: number, size: number];

function stampOf(file: string): Stamp {
  const st = statSync(file, { throwIfNoEntry: false });
  return [file, st?.mtimeMs ?? -1, st?.size ?? -1];
}

const unchanged = (s: Stamp) => {
  const now = stampOf(s[0]);
  return now[1] === s[1] && now[2] === s[2];
};

/**
 * The digest per step definition for a worker's life: re-hashing the closure and re-reading every
 * imported package's `package.json` cost a worker ~0.3 ms of CPU per step. A hit costs one `stat` per
 * file the digest read (the step's source, its local imports, the `package.json`s), so a long-lived
 * process still sees an edit, a package upgrade or a deleted file: any of those files changing mtime
 * or size recomputes the digest. Not seen until one of them changes: a file created where an import
 * did not resolve before, or a package installed in a `node_modules` nearer the file than the one found.
 */
const digests = new WeakMap<StepDefinition, { run: StepDefinition['run']; digest: string; stamps: Stamp[] }>();
