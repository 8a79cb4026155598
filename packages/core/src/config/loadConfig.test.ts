import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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

  it('loads a config with top-level await', async () => {
    writeFileSync(path.join(dir, 'mlops.config.ts'), `const n: number = await Promise.resolve(2);\nexport default { project: 'tla', maxParallelSteps: n };\n`);
    expect((await loadConfigFile({ cwd: dir })).value).toEqual({ project: 'tla', maxParallelSteps: 2 });
  });

  it("gives the config's imports the same CommonJS copy of a dual package (zod) as core", () => {
    // Outside jest's module registry: the built core, as the CLI loads it.
    symlinkSync(path.resolve(__dirname, '../../../../node_modules'), path.join(dir, 'node_modules'), 'dir');
    writeFileSync(path.join(dir, 'mlops.config.ts'), `import { z } from 'zod';\nexport default { schema: z.object({ n: z.number() }) };\n`);
    const script = `require('@mlops/core').loadConfigFile({}).then(({ value }) => console.log(value.schema instanceof require('zod').ZodType));`;
    const r = spawnSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('true');
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
