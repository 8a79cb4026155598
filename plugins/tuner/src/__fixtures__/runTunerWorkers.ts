import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { SqlStoreDescription } from '@mlops/sql-metadata';
import { runTogether } from '@mlops/testkit';
import { builtTuner } from './storageSubjects';

/** What each worker process does: join the study and run `trials` TPE trials. */
export interface WorkerJob {
  study: string;
  trials: number;
}

// Plain JS for `node -e`: opens the shared storage from the built package, prints `ready`, waits for
// `go` so all workers start together, then optimises, tagging each trial with its worker.
const workerScript = String.raw`
const job = JSON.parse(process.env.MLOPS_TUNER_JOB);
const t = require(job.tuner);
async function main() {
  const storage = t.openSqlTunerStorage(job.description);
  await storage.migrate();
  const study = await t.createStudy({ name: job.study, storage, sampler: new t.TpeSampler({ seed: job.child, nStartupTrials: 5 }), loadIfExists: true, heartbeat: { intervalMs: 1000, staleMs: 60000 } });
  process.stdout.write('ready\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  process.stdin.destroy();
  await study.optimize(async (trial) => {
    trial.setUserAttr('worker', job.child);
    const x = trial.suggestFloat('x', -5, 5);
    const k = trial.suggestCategorical('k', ['a', 'b']);
    await new Promise((r) => setTimeout(r, 2));
    return x * x + (k === 'a' ? 0 : 1);
  }, { nTrials: job.trials });
  process.stdout.write('done\n');
  await storage.close();
}
main().catch((error) => {
  process.stderr.write(String((error && error.stack) || error) + '\n');
  process.exit(1);
});
`;

function assertBuilt(): void {
  if (!existsSync(builtTuner)) throw new Error(`${builtTuner} does not exist; build it first (npx tsc -b plugins/tuner)`);
}

/** Runs `processes` workers on one study at the same moment and waits for all of them. */
export async function runTunerWorkers(description: SqlStoreDescription, processes: number, job: WorkerJob): Promise<void> {
  assertBuilt();
  const lines = await runTogether(
    Array.from({ length: processes }, (_, child) => ({ script: workerScript, env: { MLOPS_TUNER_JOB: JSON.stringify({ ...job, child, description, tuner: builtTuner }) }, label: `tuner worker ${child}` })),
  );
  const unfinished = lines.findIndex((line) => line !== 'done');
  if (unfinished >= 0) throw new Error(`tuner worker ${unfinished} exited without finishing: ${lines[unfinished]}`);
}

// A worker that claims one trial, records a param and a report, says `claimed` and then hangs until killed.
const hangingScript = String.raw`
const job = JSON.parse(process.env.MLOPS_TUNER_JOB);
const t = require(job.tuner);
(async () => {
  const storage = t.openSqlTunerStorage(job.description);
  const study = await t.createStudy({ name: job.study, storage, loadIfExists: true });
  const trial = await study.ask();
  trial.suggestFloat('x', -5, 5);
  await trial.report(1, 0);
  process.stdout.write('claimed ' + trial.number + '\n');
  setInterval(() => {}, 1000);
})().catch((error) => { process.stderr.write(String(error && error.stack || error)); process.exit(1); });
`;

/** Starts a worker that claims a trial and hangs; resolves with the process and its trial number. */
export async function startHangingWorker(description: SqlStoreDescription, study: string): Promise<{ child: ChildProcess; trialNumber: number }> {
  assertBuilt();
  const child = spawn(process.execPath, ['-e', hangingScript], { env: { ...process.env, MLOPS_TUNER_JOB: JSON.stringify({ study, description, tuner: builtTuner }) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const trialNumber = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /claimed (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`hanging worker exited with ${code} before claiming: ${err}`)));
  });
  return { child, trialNumber };
}
