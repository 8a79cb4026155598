import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const repo = path.resolve(__dirname, '../../..');
export const mlopsBin = path.join(repo, 'packages/cli/bin/mlops.js');

/** A copy of examples/breast-cancer (without its .mlops state), sharing the repository's node_modules. */
export function copyExample(prefix: string): string {
  const project = mkdtempSync(path.join(tmpdir(), prefix));
  cpSync(path.join(repo, 'examples/breast-cancer'), project, { recursive: true, filter: (src) => !src.includes(`${path.sep}.mlops`) && !src.endsWith(`${path.sep}node_modules`) });
  symlinkSync(path.join(repo, 'node_modules'), path.join(project, 'node_modules'), 'dir');
  return project;
}

/** The example's rows as `/predict` takes them (measurements only), and their column names. */
export function exampleRows(): { names: string[]; lines: string[]; rows: Record<string, number>[] } {
  const [header, ...lines] = readFileSync(path.join(repo, 'examples/breast-cancer/data/breast_cancer.csv'), 'utf8').trim().split('\n');
  const names = header!.split(',').slice(0, -1);
  return { names, lines, rows: lines.map((l) => Object.fromEntries(l.split(',').slice(0, -1).map((v, i) => [names[i]!, Number(v)]))) };
}

/**
 * Runs and starts processes in one project with one environment. `run` does not block this process:
 * a request loop sharing its event loop must keep sending while a command waits for a retraining run.
 */
export class ProjectProcesses {
  readonly children: ChildProcess[] = [];

  constructor(
    readonly cwd: string,
    readonly env: () => NodeJS.ProcessEnv,
    /** Appended to every `mlops` command, e.g. `['-c', 'mlops.distributed.config.ts']`. */
    readonly configArgs: string[] = [],
  ) {}

  run(args: string[], timeoutMs = 150_000): Promise<{ status: number | null; stdout: string; stderr: string }> {
    const proc = spawn(process.execPath, args, { cwd: this.cwd, env: this.env(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d: Buffer) => void (stdout += d.toString()));
    proc.stderr.on('data', (d: Buffer) => void (stderr += d.toString()));
    const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
    return new Promise((resolve) => proc.once('close', (status) => (clearTimeout(timer), resolve({ status, stdout, stderr }))));
  }

  mlops(args: string[]) {
    return this.run([mlopsBin, ...args, ...this.configArgs]);
  }

  async json<T>(args: string[]): Promise<T> {
    return JSON.parse((await this.mlops([...args, '--json'])).stdout) as T;
  }

  /** Starts a long-running `mlops` command; resolves once its output (stdout or stderr) matches `ready`. */
  start(args: string[], ready: RegExp): Promise<{ proc: ChildProcess; out: () => string }> {
    const proc = spawn(process.execPath, [mlopsBin, ...args, ...this.configArgs], { cwd: this.cwd, env: this.env(), stdio: ['ignore', 'pipe', 'pipe'] });
    this.children.push(proc);
    let out = '';
    return new Promise((resolve, reject) => {
      const onData = (d: Buffer) => {
        out += d.toString();
        if (ready.test(out)) resolve({ proc, out: () => out });
      };
      proc.stdout!.on('data', onData);
      proc.stderr!.on('data', onData);
      proc.once('exit', (code) => reject(new Error(`mlops ${args.join(' ')} exited (${code}) before it was ready: ${out}`)));
    });
  }

  /** SIGTERM to every started process still running; resolves once they exited. */
  async stop(): Promise<void> {
    await Promise.all(this.children.filter((c) => c.exitCode === null && c.signalCode === null).map((c) => new Promise((r) => (c.once('exit', r), c.kill('SIGTERM')))));
  }
}

/** The server's `/model` once it serves `version` (polled every 250 ms), or the last one seen after 15 s. */
export async function servedModelOnceAt(url: string, version: number): Promise<{ version: number }> {
  let model = { version: -1 };
  for (let i = 0; i < 60 && model.version !== version; i++) {
    await new Promise((r) => setTimeout(r, 250));
    model = (await (await fetch(`${url}/model`)).json()) as { version: number };
  }
  return model;
}
