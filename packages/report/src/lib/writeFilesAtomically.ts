import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { ReportError, reportErrorCodes } from '../errors';

/** A file to write: where, and its whole content. */
export interface FileToWrite {
  path: string;
  content: string;
}

async function writeTemp(file: FileToWrite): Promise<string> {
  const target = resolve(file.path);
  await mkdir(dirname(target), { recursive: true });
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx');
  try {
    await handle.writeFile(file.content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  return temp;
}

/**
 * Writes every file to a temporary sibling first and renames them into place only once all are
 * written, so a reader sees each file whole or not at all, and a failed write (full disk, missing
 * permission) leaves the files that were there before untouched. Errors are `ReportError`
 * (`E_REPORT_IO`) naming the file.
 */
export async function writeFilesAtomically(files: readonly FileToWrite[]): Promise<void> {
  const temps: string[] = [];
  let current = '';
  try {
    for (const file of files) {
      current = file.path;
      temps.push(await writeTemp(file));
    }
    for (let i = 0; i < files.length; i++) {
      current = files[i]!.path;
      await rename(temps[i]!, resolve(files[i]!.path));
    }
  } catch (error) {
    await Promise.all(temps.map((t) => rm(t, { force: true })));
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ReportError(reportErrorCodes.io, `${current}: could not write the report file (${reason})`, { path: current, cause: error });
  }
}
