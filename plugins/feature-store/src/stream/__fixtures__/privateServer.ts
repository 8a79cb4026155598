import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { freePort } from '@mlops/testkit';

/** A NATS or Redis server of the test's own on a free port, so it can be killed without touching the shared one. */
export interface PrivateServer {
  readonly url: string;
  /** Kills the server (`SIGKILL` or `SIGTERM`) and waits for it to exit. */
  stop(signal: 'SIGKILL' | 'SIGTERM'): Promise<void>;
  /** Starts it again on the same port and data folder; resolves once it accepts connections. */
  restart(): Promise<void>;
}

export const natsServerBinary = ['/usr/sbin/nats-server', '/usr/bin/nats-server', '/usr/local/bin/nats-server'].find((p) => existsSync(p));

/**
 * `nats-server -js` with its JetStream store in `dir`, or `redis-server` with an append-only file
 * synced on every write in `dir`: what a server acknowledged survives a kill.
 */
export async function startPrivateServer(kind: 'nats' | 'redis', dir: string): Promise<PrivateServer> {
  const port = await freePort();
  const args = kind === 'nats' ? ['-js', '-sd', dir, '-a', '127.0.0.1', '-p', String(port)] : ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', ''];
  const binary = kind === 'nats' ? natsServerBinary! : 'redis-server';
  let proc: ChildProcess | undefined;
  const launch = async () => {
    proc = spawn(binary, args, { stdio: 'ignore' });
    const until = Date.now() + 15_000;
    while (!(await accepts(port))) {
      if (Date.now() > until || proc.exitCode !== null) throw new Error(`${binary} did not start on port ${port} (exit ${proc.exitCode})`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  await launch();
  return {
    url: kind === 'nats' ? `nats://127.0.0.1:${port}` : `redis://127.0.0.1:${port}`,
    async stop(signal) {
      const p = proc!;
      if (p.exitCode !== null) return;
      const exited = new Promise((resolve) => p.once('exit', resolve));
      p.kill(signal);
      await exited;
    },
    restart: launch,
  };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}
