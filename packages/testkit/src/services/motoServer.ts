import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { jestGlobals } from '../lib/jestGlobals';
import { describeWithService } from './describeWithService';
import { freePort } from './freePort';

/** Env var naming the moto_server executable, when it is not on PATH. */
export const motoServerEnv = 'MLOPS_MOTO_SERVER';

/** A running moto_server (an in-memory S3-compatible server) started by {@link startMotoServer}. */
export interface MotoServer {
  /** `http://127.0.0.1:PORT`, for the SDK's `endpoint` (with `forcePathStyle: true`). */
  endpoint: string;
  port: number;
  pid: number;
  /** Stops this server by its PID (SIGTERM, then SIGKILL after 3 s). */
  stop(): Promise<void>;
}

/**
 * Path of the moto_server executable: `$MLOPS_MOTO_SERVER`, else whatever `PATH` finds, else pyenv's
 * shim (the machine image installs moto in pyenv's Python, whose shims a non-login shell may lack).
 */
export function findMotoServer(): string | undefined {
  const configured = process.env[motoServerEnv];
  if (configured) return existsSync(configured) ? configured : undefined;
  const found = spawnSync('sh', ['-c', 'command -v moto_server'], { encoding: 'utf8' });
  if (found.status === 0 && found.stdout.trim()) return found.stdout.trim();
  const shim = join(process.env.PYENV_ROOT ?? join(homedir(), '.pyenv'), 'shims', 'moto_server');
  return existsSync(shim) ? shim : undefined;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function startOnce(binary: string, timeoutMs: number, env: Record<string, string>): Promise<MotoServer> {
  const port = await freePort();
  const child = spawn(binary, ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
  let output = '';
  child.stderr!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  let exited = false;
  child.once('exit', () => (exited = true));
  const deadline = Date.now() + timeoutMs;
  while (!(await accepts(port))) {
    if (exited) throw new Error(`moto_server (${binary}) exited before listening on ${port}:\n${output.trim()}`);
    if (Date.now() > deadline) {
      await stopProcess(child);
      throw new Error(`moto_server (${binary}) did not listen on ${port} within ${timeoutMs} ms:\n${output.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { endpoint: `http://127.0.0.1:${port}`, port, pid: child.pid!, stop: () => stopProcess(child) };
}

/**
 * Starts moto_server on a free port of 127.0.0.1 and resolves once it accepts connections. Tries
 * three ports, since another process may take a free port between the probe and moto's bind.
 * `env` is added to the server's environment, e.g. `INITIAL_NO_AUTH_ACTION_COUNT: '0'` makes moto
 * check credentials (unknown access keys get 403 InvalidAccessKeyId).
 */
export async function startMotoServer(options: { timeoutMs?: number; env?: Record<string, string> } = {}): Promise<MotoServer> {
  const binary = findMotoServer();
  if (!binary) throw new Error(`moto_server is not on PATH (nor in ~/.pyenv/shims); install moto (pip install "moto[server]") or set ${motoServerEnv}`);
  let last: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce(binary, options.timeoutMs ?? 30_000, options.env ?? {});
    } catch (error) {
      last = error;
    }
  }
  throw last;
}

/**
 * `describe` for tests that need an S3 server: starts one moto_server for the block and stops it
 * after. Where moto_server is missing the block is skipped with a loud banner, or fails under
 * `MLOPS_REQUIRE_SERVICES=1`, like {@link describeWithService}. `fn` gets a getter for the server.
 */
export function describeWithMotoServer(fn: (moto: () => MotoServer) => void): void {
  const binary = findMotoServer();
  const probe = () => (binary ? { ok: true } : { ok: false, detail: `no moto_server executable on PATH, in ~/.pyenv/shims or in $${motoServerEnv}` });
  describeWithService('moto_server', probe, () => {
    const { afterAll, beforeAll } = jestGlobals();
    let server: MotoServer | undefined;
    beforeAll(async () => {
      server = await startMotoServer();
    }, 60_000);
    afterAll(() => server?.stop());
    fn(() => {
      if (!server) throw new Error('moto_server did not start (see the beforeAll failure)');
      return server;
    });
  });
}
