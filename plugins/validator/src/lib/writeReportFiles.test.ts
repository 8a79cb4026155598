import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { writeReportFiles } from './writeReportFiles';

describe('writeReportFiles', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(path.join(tmpdir(), 'mlops-reports-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('writes the html and json pages into the folder', async () => {
    const dir = path.join(root, 'reports');
    expect(await writeReportFiles(dir, 'run1-validate', '<p>x</p>', '{}')).toEqual([path.join(dir, 'run1-validate.html'), path.join(dir, 'run1-validate.json')]);
    expect(readFileSync(path.join(dir, 'run1-validate.html'), 'utf8')).toBe('<p>x</p>');
  });

  it('refuses a base name that would leave the folder, writing nothing', async () => {
    const dir = path.join(root, 'reports');
    await expect(writeReportFiles(dir, '../escaped', '<p>x</p>', '{}')).rejects.toThrow(`path "../escaped.html" resolves to ${path.join(root, 'escaped.html')}, outside ${dir}`);
    expect(existsSync(path.join(root, 'escaped.html'))).toBe(false);
  });
});
