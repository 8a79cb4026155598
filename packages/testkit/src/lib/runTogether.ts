import { spawn, type ChildProcess } from 'node:child_process';

/** One child process of a concurrency test: a plain JS script for `node -e` and its environment. */
export interface TogetherChild {
  script: string;
  env: Record<string, string>;
  /** Names the child in a failure message. */
  label: string;
}

interface Started {
  process: ChildProcess;
  ready: Promise<void>;
  done: Promise<string>;
}

function start(child: TogetherChild): Started {
  const proc = spawn(process.execPath, ['-e', child.script], { env: { ...process.env, ...child.env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  proc.stdout!.on('data', (d: Buffer) => {
    stdout += d.toString();
    if (stdout.startsWith('ready\n')) markReady();
  });
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<string>((resolve, reject) => {
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      const last = stdout.trim().split('\n').pop() ?? '';
      if (code === 0) return resolve(last);
      reject(new Error(`${child.label} exited with ${code ?? signal}:\n${stderr.trim() || stdout.trim()}`));
    });
  });
  done.catch(() => undefined); // awaited by runTogether; avoids an unhandled rejection after an early failure
  // A child that dies before it is ready fails the test instead of leaving the barrier waiting.
  return { process: proc, ready: Promise.race([ready, done.then(() => undefined)]), done };
}

/**
 * Runs child processes that must write at the same moment: each prints `ready` once set up and
 * then waits for a line on stdin; when all are ready they are released together. Resolves to each
 * child's last line of output; a child that fails rejects with its stderr. Children still running
 * when this settles are killed.
 */
export async function runTogether(children: readonly TogetherChild[]): Promise<string[]> {
  const started = children.map(start);
  try {
    await Promise.all(started.map((c) => c.ready));
    for (const c of started) c.process.stdin?.write('go\n');
    return await Promise.all(started.map((c) => c.done));
  } finally {
    for (const c of started) if (c.process.exitCode === null) c.process.kill('SIGKILL');
  }
}
