import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { findConfigFile } from './findConfigFile';
import { configSearchPlaces, loadConfigFile } from './loadConfigFile';

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'mlops-find-config-'));
  mkdirSync(path.join(root, 'a/b'), { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const find = (dir: string) => findConfigFile(path.join(root, dir), configSearchPlaces, 'mlops');
const config = "export default { project: 'p' };\n";

describe('findConfigFile (the search without cosmiconfig)', () => {
  it('finds the nearest JS/TS config up from the start folder, skipping empty files and package.json files without an mlops key', () => {
    writeFileSync(path.join(root, 'mlops.config.ts'), config);
    writeFileSync(path.join(root, 'a/mlops.config.js'), '  \n');
    writeFileSync(path.join(root, 'a/package.json'), '{"name":"a"}');
    expect(find('a/b')).toBe(path.join(root, 'mlops.config.ts'));
    writeFileSync(path.join(root, 'a/b/mlops.config.mjs'), config);
    expect(find('a/b')).toBe(path.join(root, 'a/b/mlops.config.mjs'));
  });

  it('leaves to cosmiconfig what only it can decide', () => {
    writeFileSync(path.join(root, 'mlops.config.ts'), config);
    // A nearer package.json with an mlops key, or a JSON config, comes first.
    writeFileSync(path.join(root, 'a/package.json'), '{"mlops":{"project":"from-package"}}');
    expect(find('a/b')).toBeUndefined();
    writeFileSync(path.join(root, 'a/package.json'), '{}');
    writeFileSync(path.join(root, 'a/mlops.config.json'), '{"project":"json"}');
    expect(find('a/b')).toBeUndefined();
    // cosmiconfig's meta config in the start folder, or a package.json it cannot parse.
    writeFileSync(path.join(root, 'a/b/package.json'), '{"cosmiconfig":{"searchPlaces":["x.js"]}}');
    expect(find('a/b')).toBeUndefined();
    writeFileSync(path.join(root, 'a/b/package.json'), '{oops');
    expect(find('a/b')).toBeUndefined();
  });

  it('gives loadConfigFile the same answer as the cosmiconfig search', async () => {
    writeFileSync(path.join(root, 'a/package.json'), '{"mlops":{"project":"from-package"}}');
    writeFileSync(path.join(root, 'mlops.config.cjs'), "module.exports = { project: 'root' };\n");
    await expect(loadConfigFile({ cwd: path.join(root, 'a/b') })).resolves.toEqual({ file: path.join(root, 'a/package.json'), value: { project: 'from-package' } });
    writeFileSync(path.join(root, 'a/package.json'), '{}');
    await expect(loadConfigFile({ cwd: path.join(root, 'a/b') })).resolves.toEqual({ file: path.join(root, 'mlops.config.cjs'), value: { project: 'root' } });
  });
});
