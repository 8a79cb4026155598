import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { StepDefinition } from './step';

const extensions = ['', '.ts', '.mts', '.cts', '.tsx', '.js', '.mjs', '.cjs', '.json', '/index.ts', '/index.mts', '/index.js', '/index.mjs'];
// import x from './a'; export * from "./b"; import('./c'); require('./d'); import './e'
const specifierPattern = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)(['"])([^'"\n]+)\1/g;

const fileCache = new Map<string, { mtimeMs: number; size: number; hash: string; locals: string[]; packages: string[] }>();

function scan(file: string) {
  const st = statSync(file);
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

function packageVersion(fromDir: string, name: string): string {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const pj = path.join(dir, 'node_modules', name, 'package.json');
    if (existsSync(pj)) {
      try {
        return (JSON.parse(readFileSync(pj, 'utf8')) as { version?: string }).version ?? '?';
      } catch {
        return '?';
      }
    }
    if (path.dirname(dir) === dir) return 'missing';
  }
}

/** The local files a step's module imports (transitively) and the package versions they import. */
function codeClosure(step: StepDefinition): { files: string[]; packages: Map<string, string> } {
  const seen = new Set<string>();
  const packages = new Map<string, string>();
  if (!step.sourceFile || !existsSync(step.sourceFile)) return { files: [], packages };
  const queue = [step.sourceFile];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file) || file.includes(`${path.sep}node_modules${path.sep}`)) continue;
    seen.add(file);
    const entry = scan(file);
    for (const p of entry.packages) if (!packages.has(p)) packages.set(p, packageVersion(path.dirname(file), p));
    queue.push(...entry.locals);
  }
  return { files: [...seen].sort(), packages };
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
  const hash = createHash('sha256').update(step.run.toString());
  if (step.sourceFile) {
    const root = path.dirname(step.sourceFile);
    const { files, packages } = codeClosure(step);
    for (const file of files) hash.update(`\0${path.relative(root, file)}\0${scan(file).hash}`);
    for (const [name, version] of [...packages].sort()) hash.update(`\0pkg:${name}@${version}`);
  }
  return `sha256:${hash.digest('hex')}`;
}
