import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { resolveInside } from '@mlops/core';

/**
 * Writes `<dir>/<base>.html` and `<dir>/<base>.json`, each through a temp file in the same folder
 * and a rename, so a reader (`mlops report`) never sees half a file. Returns the two paths.
 */
export async function writeReportFiles(dir: string, base: string, page: string, json: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const [ext, content] of [['html', page], ['json', json]] as const) {
    // `base` is made of a run id and a step id: checked to stay in the reports folder all the same.
    const file = resolveInside(dir, `${base}.${ext}`);
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await writeFile(tmp, content, 'utf8');
      await rename(tmp, file);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    written.push(file);
  }
  return written;
}
