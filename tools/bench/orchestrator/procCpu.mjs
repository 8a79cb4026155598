// CPU time (user + system, ms) of a process and every process below it, read from /proc (Linux):
// a worker's step child processes count as the worker's. Sampled before and after a timed run.
import { readFileSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

function own(pid) {
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / ticksPerSecond;
}

function children(pid) {
  const out = [];
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      out.push(...readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number));
    } catch {
      // the thread ended
    }
  }
  return out;
}

/** CPU ms of `pids` and their descendants (processes that ended in between are not counted). */
export function treeCpuMs(pids) {
  let total = 0;
  for (const pid of pids) {
    try {
      total += own(pid) + treeCpuMs(children(pid));
    } catch {
      // the process ended
    }
  }
  return total;
}

function tree(pids) {
  const out = [];
  for (const pid of pids) {
    try {
      out.push(pid, ...tree(children(pid)));
    } catch {
      // the process ended
    }
  }
  return out;
}

/**
 * Pids of the Postgres backends serving TCP connections that `pids` (and their descendants) hold to
 * `port`, from `ss -tnp` (Linux, iproute2): the database's CPU per step is theirs. Connections a pool
 * opens later are not found; the bench samples after a warm-up run, when the pools hold theirs.
 */
export function postgresBackendsOf(pids, port = 5432) {
  const mine = new Set(tree(pids));
  const lines = execFileSync('ss', ['-tnpH'], { encoding: 'utf8' }).split('\n');
  const parse = (line) => {
    const m = /\S+\s+\d+\s+\d+\s+\S+:(\d+)\s+\S+:(\d+)\s+users:\(\("[^"]*",pid=(\d+)/.exec(line);
    return m ? { local: Number(m[1]), peer: Number(m[2]), pid: Number(m[3]) } : undefined;
  };
  const entries = lines.map(parse).filter(Boolean);
  const clientPorts = new Set(entries.filter((e) => e.peer === port && mine.has(e.pid)).map((e) => e.local));
  return [...new Set(entries.filter((e) => e.local === port && clientPorts.has(e.peer)).map((e) => e.pid))];
}
