import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

// `mlops serve --workers 2` with a model it cannot serve: the primary resolves the model before it
// forks, so the command fails once with exit 2 and one line. Before, every worker failed, exited and
// was forked again, for ever, and the command never returned.
const repo = path.resolve(__dirname, '../../..');
const bin = path.join(repo, 'packages/cli/bin/mlops.js');
let project: string;

beforeAll(() => {
  project = mkdtempSync(path.join(tmpdir(), 'mlops-serve-bad-'));
  symlinkSync(path.join(repo, 'node_modules'), path.join(project, 'node_modules'), 'dir');
  const plugins = "modelRegistry: '@mlops/model-registry', modelRuntime: '@mlops/runtime-onnx'";
  writeFileSync(path.join(project, 'mlops.config.ts'), `import { defineConfig } from '@mlops/core';\nexport default defineConfig({ project: 'bad', plugins: { ${plugins} }, pipelines: {} });\n`);
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

const cases: [flags: string, message: RegExp][] = [
  ['--model ../../x@champion', /^error: model reference: expected name, name@alias, name@3 or name:3, received "\.\.\/\.\.\/x@champion"\n$/],
  ['--model nope@champion', /^error: no model named "nope"/],
  ['--model-file nope.onnx --signature nope.json', /^error: cannot read the model file .*nope\.onnx: ENOENT/],
];

describe('mlops serve with workers and a model it cannot serve', () => {
  it.each(cases)('%s: exit 2 with one line, no worker forked', (flags, message) => {
    const r = spawnSync(process.execPath, [bin, 'serve', ...flags.split(' '), '--port', '0', '--workers', '2'], { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
    expect({ status: r.status, signal: r.signal }).toEqual({ status: 2, signal: null });
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stdout).not.toContain('workers on');
  });
});
