import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadConfigFile } from './loadConfigFile';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'mlops-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('loadConfigFile', () => {
  it('finds mlops.config.ts searching up and follows its local TypeScript imports', async () => {
    mkdirSync(path.join(dir, 'lib'));
    writeFileSync(path.join(dir, 'lib', 'settings.ts'), `export const project: string = 'from-helper';\nexport interface Unused { a: number }\n`);
    writeFileSync(path.join(dir, 'mlops.config.ts'), `import { project } from './lib/settings';\nconst n: number = 3;\nexport default { project, maxParallelSteps: n };\n`);
    const nested = path.join(dir, 'a', 'b');
    mkdirSync(nested, { recursive: true });
    const loaded = await loadConfigFile({ cwd: nested });
    expect(loaded.file).toBe(path.join(dir, 'mlops.config.ts'));
    expect(loaded.value).toEqual({ project: 'from-helper', maxParallelSteps: 3 });
  });

  it('loads JSON and an explicit --config path', async () => {
    writeFileSync(path.join(dir, 'other.json'), JSON.stringify({ project: 'json' }));
    const loaded = await loadConfigFile({ cwd: dir, configPath: 'other.json' });
    expect(loaded.value).toEqual({ project: 'json' });
  });

  it('fails clearly when the explicit file is missing', async () => {
    await expect(loadConfigFile({ cwd: dir, configPath: 'nope.ts' })).rejects.toMatchObject({ code: 'E_CONFIG_NOT_FOUND', message: expect.stringContaining('nope.ts does not exist') });
  });

  it('names the file when it cannot be evaluated', async () => {
    writeFileSync(path.join(dir, 'mlops.config.ts'), `export default { project: ;\n`);
    await expect(loadConfigFile({ cwd: dir })).rejects.toMatchObject({ code: 'E_CONFIG_LOAD', message: expect.stringContaining('mlops.config.ts: could not be loaded') });
  });

  it('says where it looked when there is no config', async () => {
    // The search goes up to the filesystem root: use a folder with no config above it.
    await expect(loadConfigFile({ cwd: dir })).rejects.toMatchObject({ code: 'E_CONFIG_NOT_FOUND', message: expect.stringContaining(`searching up from ${dir}`) });
  });
});
