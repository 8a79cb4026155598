import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

// `mlops init` as a user meets it: in an existing npm project (after `npm init -y` and
// `npm install @mlops/cli`), in a new folder given by name, and next to files it must not touch.
const repo = path.resolve(__dirname, '../../..');
const bin = path.join(repo, 'packages/cli/bin/mlops.js');
let dir: string;

const mlops = (args: string[], cwd = dir) => spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
const readJson = (file: string) => JSON.parse(readFileSync(path.join(dir, file), 'utf8'));

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'mlops-init-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('mlops init', () => {
  it('adds its dependencies, scripts and install-script policy to an existing package.json, keeping what is there', () => {
    const existing = {
      name: '@acme/churn-models',
      version: '2.0.0',
      description: 'ours',
      scripts: { test: 'node --test', train: 'make train' },
      dependencies: { '@mlops/cli': '^0.1.0', lodash: '^4.17.21', zod: '^3.25.0' },
      devDependencies: { typescript: '~5.9.3', '@mlops/tracker': '^0.1.0' },
    };
    writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(existing, null, 2)}\n`);
    writeFileSync(path.join(dir, '.gitignore'), 'dist\nnode_modules\n');
    const r = mlops(['init']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const pkg = readJson('package.json');
    // Untouched: name, version, their scripts (also a "train" of their own), their versions.
    expect(pkg).toMatchObject({ name: '@acme/churn-models', version: '2.0.0', description: 'ours', devDependencies: existing.devDependencies });
    expect(pkg.scripts).toEqual({ test: 'node --test', train: 'make train', serve: 'mlops serve' });
    expect(pkg.dependencies).toMatchObject({ '@mlops/cli': '^0.1.0', lodash: '^4.17.21', zod: '^3.25.0', '@mlops/core': '^0.1.0', '@mlops/server': '^0.1.0', 'onnxruntime-node': '^1.30.0' });
    expect(pkg.dependencies['@mlops/tracker']).toBeUndefined(); // already a devDependency
    expect(pkg.allowScripts).toEqual({ 'better-sqlite3': true, 'onnxruntime-node': false, protobufjs: false });
    expect(r.stdout).toContain('updated package.json: added dependencies.@mlops/core');
    expect(r.stdout).toContain('updated .gitignore: added .mlops/');
    expect(readFileSync(path.join(dir, '.gitignore'), 'utf8')).toBe('dist\nnode_modules\n.mlops/\n');
    // The model is named after the package (scope dropped), the config serves it.
    expect(readFileSync(path.join(dir, 'pipelines/train.ts'), 'utf8')).toContain("model: z.string().default('churn-models')");
    expect(readFileSync(path.join(dir, 'mlops.config.ts'), 'utf8')).toContain("model: 'churn-models@champion'");
    expect(r.stdout).not.toContain('cd ');
    expect(r.stdout).toMatch(/next:\n {2}npm install\n {2}npx mlops run train\n {2}npx mlops serve\n$/);
  });

  it('refuses to overwrite any file, naming every one, before writing anything (exit 2)', () => {
    mkdirSync(path.join(dir, 'pipelines'));
    writeFileSync(path.join(dir, 'pipelines/train.ts'), 'ours\n');
    writeFileSync(path.join(dir, 'mlops.config.ts'), 'ours\n');
    writeFileSync(path.join(dir, 'package.json'), '{"name":"x"}\n');
    const r = mlops(['init']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(`error: ${dir}: mlops init never overwrites files, and these exist: mlops.config.ts, pipelines/train.ts. Move them away (or run with --force to keep them and write only the missing files).`);
    expect(readFileSync(path.join(dir, 'package.json'), 'utf8')).toBe('{"name":"x"}\n');
    expect(readFileSync(path.join(dir, 'mlops.config.ts'), 'utf8')).toBe('ours\n');
    expect(() => readFileSync(path.join(dir, 'data/iris.csv'))).toThrow(/ENOENT/);

    const forced = mlops(['init', '--force']);
    expect(forced.status).toBe(0);
    expect(forced.stdout).toContain('kept existing mlops.config.ts, pipelines/train.ts');
    expect(readFileSync(path.join(dir, 'pipelines/train.ts'), 'utf8')).toBe('ours\n');
    expect(readFileSync(path.join(dir, 'data/iris.csv'), 'utf8').split('\n')[0]).toBe('sepal_length,sepal_width,petal_length,petal_width,species');
  });

  it('init NAME creates the folder and prints the cd it needs first', () => {
    const r = mlops(['init', 'my models']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/next:\n {2}cd "my models"\n {2}npm install\n/);
    const pkg = JSON.parse(readFileSync(path.join(dir, 'my models/package.json'), 'utf8'));
    expect(pkg).toMatchObject({ name: 'my-models', private: true, scripts: { train: 'mlops run train', serve: 'mlops serve' } });
    const sub = mlops(['init', 'nested/app']);
    expect(sub.stdout).toMatch(/next:\n {2}cd nested\/app\n/);
  });

  it('names a package.json it cannot read instead of replacing it', () => {
    writeFileSync(path.join(dir, 'package.json'), '{ "name": ');
    const r = mlops(['init']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${path.join(dir, 'package.json')}: not a valid package.json (`);
    expect(readFileSync(path.join(dir, 'package.json'), 'utf8')).toBe('{ "name": ');
  });
});
