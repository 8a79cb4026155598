import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from './release';
import { publishProblems, readWorkspace, releaseOrder, type WorkspacePackage } from './workspace';

const pkg = (name: string, deps: Record<string, string> = {}, extra: Record<string, unknown> = {}): WorkspacePackage => ({ dir: `packages/${name}`, manifest: { name: `@x/${name}`, version: '1.0.0', dependencies: deps, ...extra } });

describe('releaseOrder', () => {
  it('puts every package after the workspace packages it installs with, ties by name', () => {
    const order = releaseOrder([
      pkg('cli', { '@x/core': '^1.0.0', '@x/frame': '^1.0.0', commander: '^14.0.0' }),
      pkg('core', { '@x/errors': '^1.0.0' }, { peerDependencies: { '@x/frame': '^1.0.0' } }),
      pkg('frame', { '@x/errors': '^1.0.0' }),
      pkg('errors'),
      pkg('alpha', {}, { devDependencies: { '@x/cli': '^1.0.0' } }),
    ]).map((p) => p.manifest.name);
    expect(order).toEqual(['@x/alpha', '@x/errors', '@x/frame', '@x/core', '@x/cli']);
  });

  it('leaves private packages out and refuses a public one that installs a private one', () => {
    const example = pkg('example', { '@x/core': '^1.0.0' }, { private: true });
    expect(releaseOrder([pkg('core'), example]).map((p) => p.manifest.name)).toEqual(['@x/core']);
    expect(() => releaseOrder([pkg('core', { '@x/example': '^1.0.0' }), example])).toThrow('packages/core/package.json: dependencies.@x/example: a published package cannot depend on the private workspace package @x/example');
  });

  it('names a dependency cycle', () => {
    expect(() => releaseOrder([pkg('a', { '@x/b': '^1.0.0' }), pkg('b', { '@x/c': '^1.0.0' }), pkg('c', { '@x/a': '^1.0.0' })])).toThrow('dependency cycle between workspace packages: @x/a → @x/b → @x/c → @x/a');
  });
});

describe('publishProblems', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'mlops-release-'));
    writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'root', version: '1.0.0', private: true, workspaces: ['packages/*'], repository: { url: 'git+https://example.test/r.git' } }));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const complete = {
    name: '@mlops/a', version: '1.0.0', description: 'a', license: 'MIT', repository: { type: 'git', url: 'git+https://example.test/r.git', directory: 'packages/a' },
    main: 'dist/index.js', types: 'dist/index.d.ts', exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' }, './package.json': './package.json' },
    files: ['dist/**/*.js', 'dist/**/*.d.ts', 'dist/**/*.map', 'src/**/*.ts', '!src/**/*.test.ts', '!src/**/__fixtures__/**', 'README.md'],
    dependencies: { '@mlops/b': '^1.0.0', zod: '^4.1.0' },
  };
  const write = (manifest: object, readme = true) => {
    mkdirSync(path.join(root, 'packages/a'), { recursive: true });
    writeFileSync(path.join(root, 'packages/a/package.json'), JSON.stringify(manifest));
    writeFileSync(path.join(root, 'packages/a/tsconfig.json'), JSON.stringify({ compilerOptions: { rootDir: 'src', outDir: 'dist' } }));
    if (readme) writeFileSync(path.join(root, 'packages/a/README.md'), '# a\n');
    const ws = readWorkspace(root);
    return publishProblems(ws.packages[0], { version: ws.root.version, repositoryUrl: ws.root.repository?.url, root });
  };

  it('accepts a complete package', () => {
    expect(write(complete)).toEqual([]);
  });

  it('names each missing or wrong field with what it expects', () => {
    const { exports: _e, license: _l, ...rest } = complete;
    const problems = write({ ...rest, version: '0.9.0', files: ['dist', 'README.md'], dependencies: { '@mlops/b': '1.0.0' } }, false);
    expect(problems).toEqual(expect.arrayContaining([
      'packages/a/package.json: version: expected 1.0.0 (lockstep with the root), received "0.9.0"',
      'packages/a/package.json: license: expected a SPDX id such as "MIT"',
      'packages/a/package.json: exports["."]: expected { types: "./dist/index.d.ts", default: "./dist/index.js" }, received undefined',
      'packages/a/package.json: files: expected to include "!src/**/*.test.ts" (built JS and types, their maps and the sources they point to, no tests)',
      'packages/a/package.json: files: list globs, not whole "dist" or "src" folders (they would ship build info or tests)',
      'packages/a/package.json: README.md: expected next to package.json',
      'packages/a/package.json: dependencies.@mlops/b: expected "^1.0.0" (a range a registry resolves), received "1.0.0"',
    ]));
  });
});

describe('parseArgs', () => {
  it('takes --registry as a separate or inline value and normalizes the trailing slash', () => {
    expect(parseArgs(['--registry', 'http://127.0.0.1:4873'])).toEqual({ registry: 'http://127.0.0.1:4873/', dryRun: false, build: true });
    expect(parseArgs(['--registry=https://npm.example.test/r/', '--dry-run', '--skip-build'])).toEqual({ registry: 'https://npm.example.test/r/', dryRun: true, build: false });
  });

  it('refuses a missing or malformed registry and unknown flags, naming them', () => {
    expect(() => parseArgs([])).toThrow('--registry is required');
    expect(() => parseArgs(['--registry'])).toThrow('--registry: expected a URL, received nothing');
    expect(() => parseArgs(['--registry', 'localhost:4873'])).toThrow('--registry: expected an http(s) URL, received "localhost:4873"');
    expect(() => parseArgs(['--registry', 'ftp://x'])).toThrow('--registry: expected an http(s) URL, received "ftp://x"');
    expect(() => parseArgs(['--registry', 'http://x', '--tag', 'next'])).toThrow('unknown option "--tag"');
  });
});
