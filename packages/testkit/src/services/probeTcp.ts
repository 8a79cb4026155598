import { spawnSync } from 'node:child_process';
import type { Health } from '@mlops/core';

// Runs in a child so the probe can be synchronous: jest collects `describe` blocks synchronously, so
// whether to skip must be known before any async code can run.
const script = `
const net = require('node:net');
const socket = net.connect({ host: process.env.PROBE_HOST, port: Number(process.env.PROBE_PORT) });
const fail = (why) => { process.stdout.write(why); process.exit(1); };
socket.setTimeout(Number(process.env.PROBE_TIMEOUT), () => fail('timed out'));
socket.on('connect', () => { socket.destroy(); process.exit(0); });
socket.on('error', (e) => fail(e.code || e.message));
`;

/** Synchronously checks that something accepts TCP connections at `host:port`. */
export function probeTcp(host: string, port: number, timeoutMs = 2000): Health {
  const result = spawnSync(process.execPath, ['-e', script], {
    env: { ...process.env, PROBE_HOST: host, PROBE_PORT: String(port), PROBE_TIMEOUT: String(timeoutMs) },
    encoding: 'utf8',
    timeout: timeoutMs + 5000,
  });
  if (result.status === 0) return { ok: true };
  const why = result.stdout?.trim() || result.error?.message || `probe exited with ${result.status ?? result.signal}`;
  return { ok: false, detail: `nothing accepts connections at ${host}:${port} (${why})` };
}
