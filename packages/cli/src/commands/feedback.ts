import type { Command } from 'commander';
import { fail, UsageError } from '../lib/fail';
import { globalOptions, type GlobalOptions } from '../lib/globalOptions';

/** Labels per `recordFeedback` call (one transaction each); the server's batch bound. */
const batch = 10_000;

/** `mlops feedback import FILE.csv`: ground truth for served predictions, into the configured monitor. */
export function registerFeedback(program: Command): void {
  const feedback = program.command('feedback').description('ground truth for served predictions (what POST /feedback takes, in bulk)');
  feedback
    .command('import <file>')
    .description('store labels from a CSV file with columns requestId,label[,row] in the monitor (idempotent: re-importing changes nothing)')
    .action(async (file: string, _flags: unknown, cmd: Command) => {
      const opts = globalOptions(cmd);
      try {
        await importFeedback(opts, file);
      } catch (err) {
        fail(err, opts);
      }
    });
}

async function importFeedback(opts: GlobalOptions, file: string): Promise<void> {
  const [{ readFile }, { parseFeedbackCsv }] = await Promise.all([import('node:fs/promises'), import('../lib/parseFeedbackCsv')]);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`${file}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, { path: file });
  }
  // The whole file is checked before anything is stored: a bad line stores nothing.
  const labels = parseFeedbackCsv(text, file);
  const [{ tokens, isFeedbackSink }, { withSession }] = await Promise.all([import('@mlops/core'), import('../lib/openSession')]);
  const receipt = await withSession(opts, ['monitor'], async (runtime) => {
    if (!runtime.has(tokens.monitor)) throw new UsageError(`mlops feedback import stores labels in the monitor, and ${runtime.config.file} configures none: add plugins.monitor: '@mlops/monitor'`, { path: runtime.config.file });
    const monitor = runtime.get(tokens.monitor);
    if (!isFeedbackSink(monitor)) throw new UsageError("the configured monitor does not take feedback (it has no recordFeedback): use plugins.monitor: '@mlops/monitor'", { path: runtime.config.file });
    const total = { received: 0, inserted: 0, updated: 0, unchanged: 0 };
    for (let start = 0; start < labels.length; start += batch) {
      const r = await monitor.recordFeedback(labels.slice(start, start + batch));
      total.received += r.received;
      total.inserted += r.inserted;
      total.updated += r.updated;
      total.unchanged += r.unchanged;
    }
    return total;
  });
  if (opts.json) return void process.stdout.write(`${JSON.stringify({ file, ...receipt })}\n`);
  process.stdout.write(`${file}: ${receipt.received} labels: ${receipt.inserted} new, ${receipt.updated} updated, ${receipt.unchanged} unchanged\n`);
}
