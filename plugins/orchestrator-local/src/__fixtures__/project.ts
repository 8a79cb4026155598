import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRuntime, resolveConfig, tokens, type Orchestrator, type Runtime } from '@mlops/core';
import type { LocalOrchestratorOptions } from '../options';

const repo = join(__dirname, '..', '..', '..', '..');
export const cliBin = join(repo, 'packages', 'cli', 'bin', 'mlops.js');
export const projectConfig = join(__dirname, 'project', 'mlops.config.ts');

/** Fails early, naming the command, when what step children and schedulers run is not compiled. */
export function assertBuilt(): void {
  for (const f of [join(repo, 'packages/cli/dist/main.js'), join(repo, 'packages/orchestration/dist/stepChild.js'), join(repo, 'plugins/orchestrator-local/dist/index.js')]) {
    if (!existsSync(f)) throw new Error(`${f} is missing: run \`npx tsc -b tsconfig.build.json\` first (schedulers and step children run compiled code)`);
  }
}

export const lines = (file: string): string[] => {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').filter(Boolean);
  } catch {
    return [];
  }
};

/**
 * One test project: its own state folder (SQLite, artifacts), marker folder and orchestrator
 * options, passed to every process (this one, schedulers, step children) through the environment.
 */
export class LocalProject {
  readonly dir = mkdtempSync(join(tmpdir(), 'mlops-orch-local-'));
  readonly schedulers: ChildProcess[] = [];
  runtime!: Runtime;
  orchestrator!: Orchestrator;

  constructor(readonly options: Partial<Record<keyof LocalOrchestratorOptions, unknown>> | null) {}

  get env(): NodeJS.ProcessEnv {
    return { ...process.env, ORCH_TEST_STATE_DIR: join(this.dir, 'state'), ORCH_TEST_MARK_DIR: this.dir, ORCH_LOCAL_OPTIONS: JSON.stringify(this.options) };
  }

  marks(runId: string, stepId: string): string[] {
    return lines(join(this.dir, `${runId}.${stepId}`));
  }

  /** Opens the runtime in this process; step children it starts (when it serves) inherit `env`. */
  async open(): Promise<void> {
    Object.assign(process.env, this.env);
    // Imported, not loaded by path: under jest the config must share this realm's core.
    const { default: value } = (await import('./project/mlops.config')) as { default: unknown };
    const config = await resolveConfig(value, projectConfig, this.env);
    this.runtime = await createRuntime(config, { slots: ['orchestrator', 'artifactStore', 'metadataStore'] });
    this.orchestrator = this.runtime.get(tokens.orchestrator);
  }

  cli(...args: string[]) {
    return spawnSync(process.execPath, [cliBin, ...args, '-c', projectConfig], { env: this.env, encoding: 'utf8', timeout: 90_000 });
  }

  /** Starts `mlops scheduler`; resolves once it runs steps. */
  startScheduler(): Promise<ChildProcess> {
    const proc = spawn(process.execPath, [cliBin, 'scheduler', '-c', projectConfig], { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.schedulers.push(proc);
    return new Promise((resolve, reject) => {
      let err = '';
      proc.stderr!.on('data', (d: Buffer) => {
        err += d.toString();
        if (err.includes('running submitted steps')) resolve(proc);
        if (process.env.ORCH_TEST_DEBUG) process.stderr.write(`[scheduler ${proc.pid}] ${d}`);
      });
      proc.stdout!.resume();
      proc.once('exit', (code) => reject(new Error(`mlops scheduler exited (${code}) before running steps: ${err}`)));
    });
  }

  async close(): Promise<void> {
    await Promise.all(
      this.schedulers.map(async (s) => {
        if (s.exitCode !== null || s.signalCode !== null) return;
        const exited = new Promise((r) => s.once('exit', r));
        s.kill('SIGTERM');
        await exited;
      }),
    );
    await this.runtime?.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
