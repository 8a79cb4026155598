import { spawn, spawnSync, type ChildProcess, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const repo = path.resolve(__dirname, '../../../..');
const bin = path.join(repo, 'packages/cli/bin/mlops.js');

/** A copy of examples/breast-cancer in a temp git work tree (so runs record a commit), driven by the built CLI. */
export interface ExampleProject {
  dir: string;
  commit: string;
  mlops(args: string[]): SpawnSyncReturns<string>;
  /** Starts `mlops ui --port 0 --json` and resolves to its URL. */
  startUi(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }>;
  remove(): void;
}

export function createExampleProject(): ExampleProject {
  const dir = mkdtempSync(path.join(tmpdir(), 'mlops-ui-example-'));
  cpSync(path.join(repo, 'examples/breast-cancer'), dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}.mlops`) && !src.endsWith(`${path.sep}node_modules`) });
  symlinkSync(path.join(repo, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const git = (...args: string[]) => spawnSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'ui test', GIT_AUTHOR_EMAIL: 'ui@test', GIT_COMMITTER_NAME: 'ui test', GIT_COMMITTER_EMAIL: 'ui@test' } });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'example');
  const commit = git('rev-parse', 'HEAD').stdout.trim();
  const env = { ...process.env, NO_COLOR: '1', MLOPS_ACTOR: 'ui-test' };
  return {
    dir,
    commit,
    mlops: (args) => spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', env, timeout: 180_000 }),
    startUi: (extra) =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [bin, 'ui', '--port', '0', '--json'], { cwd: dir, env: { ...env, ...extra }, stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        child.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          const line = out.split('\n').find((l) => l.startsWith('{'));
          if (line) resolve({ url: (JSON.parse(line) as { url: string }).url, child });
        });
        child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
        child.once('exit', (code) => reject(new Error(`mlops ui exited with ${code}: ${err}`)));
      }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
