import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@mlops/testkit';

/**
 * A PostgreSQL server of our own (initdb in a temp folder, a free port), to crash with SIGKILL and
 * restart without touching the shared one. As root it runs as the `postgres` user (initdb refuses root).
 */
export class OwnPostgres {
  private proc: ChildProcess | undefined;
  private constructor(
    readonly port: number,
    readonly dir: string,
    private readonly bin: string,
  ) {}

  /** Where initdb and postgres are, or undefined (the test then skips loudly). */
  static binaries(): string | undefined {
    const root = '/usr/lib/postgresql';
    if (!existsSync(root)) return undefined;
    const bin = readdirSync(root).map((v) => join(root, v, 'bin')).find((b) => existsSync(join(b, 'initdb')) && existsSync(join(b, 'postgres')));
    return bin;
  }

  static async start(): Promise<OwnPostgres> {
    const bin = OwnPostgres.binaries();
    if (!bin) throw new Error('initdb and postgres not found under /usr/lib/postgresql');
    const dir = mkdtempSync(join(tmpdir(), 'mlops-own-pg-'));
    const pg = new OwnPostgres(await freePort(), dir, bin);
    if (process.getuid?.() === 0) {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
      chownSync(dir, uid, gid);
    }
    pg.exec(join(bin, 'initdb'), ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
    await pg.start();
    return pg;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private command(file: string, args: string[]): [string, string[]] {
    return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
  }

  private exec(file: string, args: string[]): void {
    const [cmd, argv] = this.command(file, args);
    execFileSync(cmd, argv, { stdio: 'pipe' });
  }

  /** Starts the server; resolves with what it logged until it was ready (crash recovery shows there). */
  async start(): Promise<string> {
    const [cmd, argv] = this.command(join(this.bin, 'postgres'), ['-D', join(this.dir, 'data'), '-p', String(this.port), '-k', this.dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=on']);
    const proc = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc = proc;
    return new Promise<string>((resolve, reject) => {
      let out = '';
      const seen = (d: Buffer) => {
        out += d.toString();
        if (out.includes('ready to accept connections')) resolve(out);
      };
      proc.stdout!.on('data', seen);
      proc.stderr!.on('data', seen);
      proc.once('exit', (code) => reject(new Error(`postgres exited (${code}): ${out}`)));
    });
  }

  /** The postmaster's pid, from its pid file (runuser stands between us and it when we are root). */
  private postmasterPid(): number {
    return Number(readFileSync(join(this.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  }

  /**
   * A crash: SIGKILL to the postmaster and every backend at once, so nothing is flushed or shut
   * down cleanly (WAL still in shared buffers is lost); the next start runs crash recovery.
   */
  async crash(): Promise<void> {
    const postmaster = this.postmasterPid();
    const children = readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .filter((d) => {
        try {
          return Number(readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]) === postmaster;
        } catch {
          return false;
        }
      })
      .map(Number);
    for (const pid of [postmaster, ...children]) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    const proc = this.proc;
    if (proc && proc.exitCode === null && proc.signalCode === null) await new Promise((r) => proc.once('exit', r));
    this.proc = undefined;
  }

  async stop(): Promise<void> {
    if (this.proc) await this.crash();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
