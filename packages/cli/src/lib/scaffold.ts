import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { UsageError } from './fail';

const templateDir = path.resolve(__dirname, '../../templates/default');

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = path.join(prefix, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path.join(dir, entry.name), rel)));
    else out.push(rel);
  }
  return out;
}

/** Copies the template into `dir`, filling in the project name. Refuses a non-empty folder unless forced. */
export async function scaffold(dir: string, opts: { name?: string; force?: boolean }): Promise<string[]> {
  const target = path.resolve(dir);
  await mkdir(target, { recursive: true });
  const existing = (await readdir(target)).filter((f) => !f.startsWith('.'));
  if (existing.length && !opts.force) throw new UsageError(`${target} is not empty (${existing.slice(0, 3).join(', ')}${existing.length > 3 ? ', ...' : ''}); use --force to add the missing files`);
  const name = (opts.name ?? path.basename(target)).toLowerCase().replace(/[^a-z0-9-_.]/g, '-');
  const written: string[] = [];
  for (const rel of await listFiles(templateDir)) {
    // npm drops .gitignore files from packages, so the template keeps it as "gitignore".
    const outRel = rel === 'gitignore' ? '.gitignore' : rel;
    const dest = path.join(target, outRel);
    if (existsSync(dest)) continue;
    await mkdir(path.dirname(dest), { recursive: true });
    const text = (await readFile(path.join(templateDir, rel), 'utf8')).replaceAll('__PROJECT__', name);
    await writeFile(dest, text);
    written.push(outRel);
  }
  return written;
}
