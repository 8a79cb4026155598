import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { UsageError } from './fail';

const templateDir = path.resolve(__dirname, '../../templates/default');

/** What `scaffold` did, relative to the target folder. */
export interface ScaffoldResult {
  dir: string;
  written: string[];
  /** Existing files given what the project needs (package.json, .gitignore), with what was added. */
  updated: { file: string; added: string[] }[];
  /** Existing files left alone because of `skipExisting`. */
  skipped: string[];
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = path.join(prefix, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path.join(dir, entry.name), rel)));
    else out.push(rel);
  }
  return out.sort();
}

/** Write-then-rename, so an interrupted init never leaves half a package.json. */
async function writeAtomic(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, file);
}

type Manifest = Record<string, unknown> & { name?: string };
const mergedFields = ['dependencies', 'scripts', 'allowScripts'] as const;

/** Adds the template's dependencies, scripts and allowScripts entries the project lacks; never changes one it has. */
function mergeManifest(existing: Manifest, template: Manifest): string[] {
  const added: string[] = [];
  for (const field of mergedFields) {
    const theirs = (existing[field] ?? {}) as Record<string, unknown>;
    for (const [key, value] of Object.entries((template[field] ?? {}) as Record<string, unknown>)) {
      const already = theirs[key] !== undefined || (field === 'dependencies' && (existing.devDependencies as Record<string, unknown> | undefined)?.[key] !== undefined);
      if (already) continue;
      theirs[key] = value;
      added.push(`${field}.${key}`);
    }
    if (Object.keys(theirs).length) existing[field] = theirs;
  }
  return added;
}

async function readManifest(file: string): Promise<Manifest> {
  const text = await readFile(file, 'utf8');
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('expected an object');
    return parsed as Manifest;
  } catch (err) {
    throw new UsageError(`${file}: not a valid package.json (${(err as Error).message}); fix it, then run mlops init again`);
  }
}

/**
 * Scaffolds a config, a `train` pipeline and its data into `dir`, new or an existing npm project.
 * An existing package.json gets the missing dependencies and scripts; an existing .gitignore the
 * missing lines. Any other file that exists is never overwritten: init refuses, naming them all,
 * before writing anything (or, with `skipExisting`, leaves them and writes the rest).
 */
export async function scaffold(dir: string, opts: { name?: string; skipExisting?: boolean }): Promise<ScaffoldResult> {
  const target = path.resolve(dir);
  const manifestFile = path.join(target, 'package.json');
  const existing = existsSync(manifestFile) ? await readManifest(manifestFile) : undefined;
  const rawName = opts.name ?? existing?.name?.replace(/^@[^/]+\//, '') ?? path.basename(target);
  const name = rawName.toLowerCase().replace(/[^a-z0-9-_.]/g, '-').replace(/^[._]+/, '') || 'mlops-project';
  const fill = (text: string) => text.replaceAll('__PROJECT__', name);

  // npm drops .gitignore files from packages, so the template keeps it as "gitignore".
  const files = (await listFiles(templateDir)).map((rel) => ({ rel, out: rel === 'gitignore' ? '.gitignore' : rel }));
  const plain = files.filter((f) => f.out !== 'package.json' && f.out !== '.gitignore');
  const clashes = plain.filter((f) => existsSync(path.join(target, f.out))).map((f) => f.out);
  if (clashes.length && !opts.skipExisting) {
    throw new UsageError(`${target}: mlops init never overwrites files, and these exist: ${clashes.join(', ')}. Move them away (or run with --force to keep them and write only the missing files).`);
  }

  const result: ScaffoldResult = { dir: target, written: [], updated: [], skipped: clashes };
  for (const f of plain) {
    if (clashes.includes(f.out)) continue;
    await writeAtomic(path.join(target, f.out), fill(await readFile(path.join(templateDir, f.rel), 'utf8')));
    result.written.push(f.out);
  }

  const template = JSON.parse(fill(await readFile(path.join(templateDir, 'package.json'), 'utf8'))) as Manifest;
  if (existing) {
    const added = mergeManifest(existing, template);
    if (added.length) {
      await writeAtomic(manifestFile, `${JSON.stringify(existing, null, 2)}\n`);
      result.updated.push({ file: 'package.json', added });
    }
  } else {
    await writeAtomic(manifestFile, `${JSON.stringify(template, null, 2)}\n`);
    result.written.push('package.json');
  }

  const ignoreFile = path.join(target, '.gitignore');
  const wanted = fill(await readFile(path.join(templateDir, 'gitignore'), 'utf8')).split('\n').filter(Boolean);
  if (existsSync(ignoreFile)) {
    const text = await readFile(ignoreFile, 'utf8');
    const have = new Set(text.split(/\r?\n/).map((l) => l.trim()));
    const missing = wanted.filter((l) => !have.has(l) && !have.has(l.replace(/\/$/, '')));
    if (missing.length) {
      await writeAtomic(ignoreFile, `${text}${text.endsWith('\n') || !text ? '' : '\n'}${missing.join('\n')}\n`);
      result.updated.push({ file: '.gitignore', added: missing });
    }
  } else {
    await writeAtomic(ignoreFile, `${wanted.join('\n')}\n`);
    result.written.push('.gitignore');
  }
  return result;
}
