import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRuntime, resolveConfig, tokens, type Orchestrator, type Runtime } from '@mlops/core';
import { dropPostgresSchema, freePort, postgresTestUrl, uniqueTestName } from '@mlops/testkit';

const repo = join(__dirname, '..', '..', '..', '..');
export const cliBin = join(repo, 'packages', 'cli', 'bin', 'mlops.js');
export const projectConfig = join(__dirname, 'project', 'mlops.config.ts');

/** Fails early, naming the command, when the compiled CLI or plugin (what workers run) is missing. */
export function assertBuilt(): void {
  for (const f of [join(repo, 'packages/cli/dist/main.js'), join(repo, 'packages/orchestration/dist/stepChild.js'), join(repo, 'plugins/orchestrator-bullmq/dist/index.js')]) {
    if (!existsSync(f)) throw new Error(`${f} is missing: run \`npx tsc -b tsconfig.build.json\` first (workers run the compiled CLI)`);
  }
}

/** A Redis of our own (keeps nothing on disk), to restart without touching the shared one. */
export class OwnRedis {
  private proc: ChildProcess | undefined;
  constructor(readonly port: number) {}

  static async start(): Promise<OwnRedis> {
    const r = new OwnRedis(await freePort());
    await r.start();
    return r;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const proc = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc = proc;
    await new Promise<void>((resolve, reject) => {
      let out = '';
      proc.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('Ready to accept connections')) resolve();
      });
      proc.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${out}`)));
    });
  }

  async stop(): Promise<void> {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGKILL');
    await exited;
    this.proc = undefined;
  }
}

/** Everything one test cluster shares: schema, key prefix, folders, and the env the workers get. */
export class Cluster {
  readonly schema = uniqueTestName('orch');
  readonly prefix = uniqueTestName('orch');
  readonly dir = mkdtempSync(join(tmpdir(), 'mlops-orch-'));
  readonly workers: ChildProcess[] = [];
  runtime!: Runtime;
  orchestrator!: Orchestrator;

  /** `pgUrl`: the shared test Postgres unless given (a server of the test's own, `ownPostgres.ts`: its schema goes with its folder). */
  constructor(
    readonly redisUrl: string,
    readonly pgUrl = postgresTestUrl(),
  ) {}

  get env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      ORCH_TEST_STATE_DIR: join(this.dir, 'state'),
      ORCH_TEST_ARTIFACTS: join(this.dir, 'artifacts'),
      ORCH_TEST_MARK_DIR: this.dir,
      ORCH_TEST_PG_URL: this.pgUrl,
      ORCH_TEST_PG_SCHEMA: this.schema,
      ORCH_TEST_REDIS_URL: this.redisUrl,
      ORCH_TEST_PREFIX: this.prefix,
    };
  }

  /** Opens the orchestrator in this process (it submits and reads history; it runs no steps). */
  async open(): Promise<void> {
    // Imported, not loaded by path: under jest the config must share this realm's core (its env markers).
    const { default: value } = (await import('./project/mlops.config')) as { default: unknown };
    const config = await resolveConfig(value, projectConfig, this.env);
    this.runtime = await createRuntime(config, { slots: ['orchestrator', 'artifactStore'] });
    this.orchestrator = this.runtime.get(tokens.orchestrator);
  }

  /** Starts an `mlops worker` process (`env` overrides the cluster's); resolves once it takes steps. */
  startWorker(env: NodeJS.ProcessEnv = {}): Promise<ChildProcess> {
    const proc = spawn(process.execPath, [cliBin, 'worker', '-c', projectConfig], { env: { ...this.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.workers.push(proc);
    return new Promise((resolve, reject) => {
      let err = '';
      proc.stderr!.on('data', (d: Buffer) => {
        err += d.toString();
        if (err.includes('taking steps')) resolve(proc);
        if (process.env.ORCH_TEST_DEBUG) process.stderr.write(`[worker ${proc.pid}] ${d}`);
      });
      proc.stdout!.resume();
      proc.once('exit', (code) => reject(new Error(`mlops worker exited (${code}) before taking steps: ${err}`)));
    });
  }

  async close(): Promise<void> {
    await Promise.all(
      this.workers.map(async (w) => {
        if (w.exitCode !== null || w.signalCode !== null) return;
        const exited = new Promise((r) => w.once('exit', r));
        w.kill('SIGTERM');
        await exited;
      }),
    );
    await this.runtime?.close();
    if (this.pgUrl === postgresTestUrl()) await dropPostgresSchema(this.schema);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
